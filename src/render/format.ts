/**
 * Number formatting shared by every renderer (PDF, terminal, CI summary), so that a value
 * reads the same everywhere.
 */

const TIME_UNITS = [
  { unit: 'ns', ns: 1 },
  { unit: 'µs', ns: 1e3 },
  { unit: 'ms', ns: 1e6 },
  { unit: 's', ns: 1e9 },
] as const;

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Three significant digits, e.g. 1.23, 12.3, 123; never more decimals than needed. */
function threeDigits(value: number): string {
  const decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return value.toFixed(decimals);
}

/**
 * A duration in the largest unit that keeps the number at least 1, with three significant
 * digits. The unit is chosen after rounding, so 999.96 µs reads `1.00 ms` and 99.96 µs reads
 * `100 µs` (the original tool printed `1,000 µs` and `100.0 µs`).
 */
export function formatDuration(ns: number, options: { trimZeros?: boolean } = {}): string {
  if (!Number.isFinite(ns)) return '—';
  if (ns === 0) return '0 ns';
  const sign = ns < 0 ? '-' : '';
  const magnitude = Math.abs(ns);
  if (magnitude < 999.5) return `${sign}${integerFormat.format(magnitude)} ns`;
  for (let i = 1; i < TIME_UNITS.length; i++) {
    const { unit, ns: size } = TIME_UNITS[i]!;
    const scaled = magnitude / size;
    const rounded = Number(scaled.toPrecision(3));
    if (rounded < 1000 || i === TIME_UNITS.length - 1) {
      // Thousands of seconds keep every digit: `4,321 s`, not `4,320 s`.
      let text = rounded >= 1000 ? integerFormat.format(scaled) : threeDigits(rounded);
      // Axis ticks are round numbers: `10 µs` reads better there than `10.0 µs`.
      if (options.trimZeros && text.includes('.')) text = text.replace(/\.?0+$/, '');
      return `${sign}${text} ${unit}`;
    }
  }
  return '—';
}

/** A count with thousands separators: `121,940`. */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? integerFormat.format(value) : '—';
}

/** A signed percent change with one decimal below 100 %: `+49.4%`, `-39.8%`, `+212%`. */
export function formatDeltaPercent(percent: number | undefined): string {
  if (percent === undefined || Number.isNaN(percent)) return '—';
  if (!Number.isFinite(percent)) return percent > 0 ? '+∞%' : '-∞%';
  const magnitude = Math.abs(percent);
  const text = magnitude >= 99.95 ? integerFormat.format(magnitude) : magnitude.toFixed(1);
  if (text === '0.0') return '0.0%';
  return `${percent > 0 ? '+' : '-'}${text}%`;
}

/** A p-value with two significant digits, or a bound when it is tiny: `0.034`, `p < 0.001`. */
export function formatPValue(p: number | undefined): string {
  if (p === undefined || Number.isNaN(p)) return '—';
  if (p < 0.001) return '< 0.001';
  return Number(p.toPrecision(2)).toString();
}

/** A share in percent with one decimal: `6.2%`. */
export function formatShare(percent: number): string {
  return Number.isFinite(percent) ? `${percent.toFixed(1)}%` : '—';
}

/** A run's time stamp (epoch seconds) as `2026-03-23 14:05 UTC`, independent of the machine's zone. */
export function formatTimestamp(epochSeconds: number): string {
  if (!Number.isFinite(epochSeconds) || epochSeconds <= 0) return '—';
  const iso = new Date(epochSeconds * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A profile's verdict counts in one line, as section headings and summaries show them. */
export function formatVerdictCounts(counts: { regression: number; improvement: number; unconfirmed: number; unjudged: number; new: number; removed: number }): string {
  const plural = (count: number, one: string) => `${formatCount(count)} ${one}${count === 1 ? '' : 's'}`;
  const judged = `${plural(counts.regression, 'regression')}, ${plural(counts.improvement, 'improvement')}, ${formatCount(counts.unconfirmed)} unconfirmed`;
  const unjudged = counts.unjudged > 0 ? `, ${formatCount(counts.unjudged)} not judged` : '';
  return `${judged}${unjudged}, ${formatCount(counts.new)} new, ${formatCount(counts.removed)} removed`;
}

/** A percentage used as a level or a limit (a false discovery rate, a detectable change): `1%`, `0.5%`, `12%`, `∞`. */
export function formatPercentLimit(percent: number): string {
  if (Number.isNaN(percent)) return '—';
  if (!Number.isFinite(percent)) return '∞';
  const digits = percent >= 10 ? 0 : percent >= 1 ? 1 : 2;
  return `${Number(percent.toFixed(digits))}%`;
}
