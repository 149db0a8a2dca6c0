import { InvalidArgumentError } from 'commander';

/** `--threshold`: a percent, 0 or more. */
export function nonNegativeNumber(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw new InvalidArgumentError(`"${text}" is not a non-negative number`);
  return value;
}

/** `--alpha`: a significance level or false discovery rate; 0 would confirm nothing and 1 everything. */
export function probability(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value >= 1) {
    throw new InvalidArgumentError(`"${text}" is not a number between 0 and 1 (exclusive), e.g. 0.01`);
  }
  return value;
}
