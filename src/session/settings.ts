import { inputError } from '../errors.js';

/** Parsers for option values and the variables that override them; each error names its source. */

/**
 * A setting the environment may override: the variable wins over the option (a CI job sets
 * the variable without editing the config). A bad value names where it came from.
 */
export function settingFrom<T>(
  env: NodeJS.ProcessEnv,
  variable: string,
  option: unknown,
  optionName: string,
  parse: (value: unknown, where: string) => T | undefined,
): T | undefined {
  const fromEnv = env[variable];
  if (fromEnv !== undefined && fromEnv !== '') return parse(fromEnv, variable);
  return parse(option, optionName);
}

/** A whole number ≥ 1 (from an option or a variable's text); undefined when not given. */
export function positiveInteger(value: unknown, where: string): number | undefined {
  return wholeNumberAtLeast(value, where, 1);
}

export function wholeNumberAtLeast(value: unknown, where: string, minimum: number, maximum = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < minimum || number > maximum) {
    const range = maximum === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${minimum}` : `a whole number from ${minimum} to ${maximum}`;
    throw inputError(undefined, `${where} is ${JSON.stringify(value)}; expected ${range}`);
  }
  return number;
}

export function nonEmptyText(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw inputError(undefined, `${where} is ${JSON.stringify(value)}; expected a non-empty text`);
  return value;
}
