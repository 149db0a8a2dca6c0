/**
 * Numbers as the page stores them: rounded to what the formatters show (`format.ts`), so the
 * data carries no digits nobody sees (the page is mostly numbers; fewer digits is a smaller
 * file) while every cell reads exactly as the PDF's. A test checks that formatting a rounded
 * value gives the text of the exact one.
 *
 * JSON has no NaN or Infinity: a missing value is `null`, an infinite one the strings
 * `"inf"` / `"-inf"`.
 */
export type PageNumber = number | null | 'inf' | '-inf';

function special(value: number | undefined): PageNumber | undefined {
  if (value === undefined || Number.isNaN(value)) return null;
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  return undefined;
}

/** Three significant digits, as `formatDuration` shows any time from 1 µs to 999 s; whole ns below, whole s above. */
export function pageDurationValue(ns: number | undefined): PageNumber {
  const other = special(ns);
  if (other !== undefined) return other;
  const value = ns as number;
  const magnitude = Math.abs(value);
  const sign = value < 0 ? -1 : 1;
  // Halves round away from zero, as Intl.NumberFormat does. Below 0.5 ns the text is `0 ns` or `-0 ns`: a
  // stand-in keeps the sign (JSON writes -0 as 0).
  if (magnitude < 0.5) return value < 0 ? -0.1 : 0;
  if (magnitude < 999.5) return sign * Math.round(magnitude);
  if (magnitude >= 999.5e9) return sign * Math.round(magnitude / 1e9) * 1e9;
  // Three significant digits by arithmetic (toPrecision is the slow part of a 50,000-zone page): the
  // scale is a whole power of ten here, so the result is a whole number of ns.
  const scale = 10 ** Math.max(0, Math.floor(Math.log10(magnitude)) - 2);
  return sign * Math.round(magnitude / scale) * scale;
}

/** `formatDeltaPercent`: one decimal below 99.95 %, whole percents above. */
export function pageDeltaValue(percent: number | undefined): PageNumber {
  const other = special(percent);
  if (other !== undefined) return other;
  const value = percent as number;
  const magnitude = Math.abs(value);
  // The same operations as the formatter (toFixed rounds the exact binary value), so the text cannot differ.
  return (value < 0 ? -1 : 1) * (magnitude >= 99.95 ? Math.round(magnitude) : Number(magnitude.toFixed(1)));
}

/** `formatPValue`: two significant digits (below 0.001 they only sort: the page shows `< 0.001`). */
export function pagePValueValue(p: number | undefined): PageNumber {
  const other = special(p);
  if (other !== undefined) return other;
  return Number((p as number).toPrecision(2));
}

/** `formatPercentLimit`: whole percents from 10, one decimal from 1, two below. */
export function pageLimitValue(percent: number | undefined): PageNumber {
  const other = special(percent);
  if (other !== undefined) return other;
  const value = percent as number;
  const digits = value >= 10 ? 0 : value >= 1 ? 1 : 2;
  return Number(value.toFixed(digits));
}

/** `formatShare`: one decimal. */
export function pageShareValue(percent: number | undefined): PageNumber {
  const other = special(percent);
  if (other !== undefined) return other;
  const rounded = Number((percent as number).toFixed(1));
  // `-0.0%` keeps its sign in the text, which -0 would not (JSON writes it 0): a stand-in does.
  return rounded === 0 && (percent as number) < 0 ? -0.01 : rounded;
}

/** A count (calls, samples, rounds): exact. */
export function pageCountValue(count: number | undefined): PageNumber {
  const other = special(count);
  return other !== undefined ? other : (count as number);
}
