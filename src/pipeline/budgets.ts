import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputError, messageOf } from '../errors.js';
import { globToRegExp } from '../extract/cpuprofile/glob.js';

/** The project's perf-report settings file, beside its package.json. */
export const CONFIG_FILE = 'perf-report.config.json';

/** A zone's budget: the change in percent the gate tolerates, or `ignore` (never gated). */
export type BudgetValue = number | 'ignore';

/** Globs over zone names or source files, each with its budget; the first that matches decides. */
export type Budgets = Readonly<Record<string, BudgetValue>>;

export interface BudgetRule {
  glob: string;
  /** Percent; absent for `ignore`. */
  thresholdPercent?: number;
  ignore: boolean;
  matches: (text: string) => boolean;
}

/**
 * `{ "parse*": 2, "src/slow/**": 50, "collect *": "ignore" }` as rules, in the order written.
 * A glob is matched against the zone's name and against its file (`*` within one path segment,
 * `**` across them, `?` one character), as the cpuprofile backend's --include globs are.
 */
export function parseBudgets(value: unknown, where: string): BudgetRule[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw inputError(undefined, `${where} is ${JSON.stringify(value)}; expected an object of glob → percent or "ignore", e.g. { "parse*": 2, "collect *": "ignore" }`);
  }
  return Object.entries(value as Record<string, unknown>).map(([glob, budget]) => {
    if (glob.trim() === '') throw inputError(undefined, `${where} has an empty glob`);
    const pattern = globToRegExp(glob);
    const matches = (text: string) => pattern.test(text);
    if (budget === 'ignore') return { glob, ignore: true, matches };
    if (typeof budget !== 'number' || !Number.isFinite(budget) || budget < 0) {
      throw inputError(undefined, `${where}: the budget of "${glob}" is ${JSON.stringify(budget)}; expected a percent ≥ 0 or "ignore"`);
    }
    return { glob, thresholdPercent: budget, ignore: false, matches };
  });
}

/**
 * The budgets in `<projectRoot>/perf-report.config.json`, or undefined without that file. The
 * file holds one key, `budgets`; anything else in it is a mistake worth saying (a misspelt key
 * would otherwise leave a hot path ungated without a word).
 */
export function readConfigBudgets(projectRoot: string): BudgetRule[] | undefined {
  const path = join(projectRoot, CONFIG_FILE);
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw inputError(path, `is not valid JSON: ${messageOf(error)}`, error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw inputError(path, 'must hold an object, e.g. { "budgets": { "parse*": 2 } }');
  const unknown = Object.keys(parsed).filter((key) => key !== 'budgets');
  if (unknown.length > 0) throw inputError(path, `has unknown key${unknown.length === 1 ? '' : 's'} ${unknown.map((key) => `"${key}"`).join(', ')}; the only key is "budgets"`);
  const budgets = (parsed as { budgets?: unknown }).budgets;
  if (budgets === undefined) return [];
  try {
    return parseBudgets(budgets, '"budgets"');
  } catch (error) {
    throw inputError(path, messageOf(error), error);
  }
}

/** The rule deciding `zone`'s budget: the first whose glob matches its name or its file. */
export function budgetFor(rules: readonly BudgetRule[], zone: { name: string; srcFile: string }): BudgetRule | undefined {
  return rules.find((rule) => rule.matches(zone.name) || (zone.srcFile !== '' && rule.matches(zone.srcFile)));
}
