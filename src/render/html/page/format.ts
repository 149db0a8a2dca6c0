/**
 * The page's number formatting: the same output as `render/format.ts` (a test compares them
 * value by value), written again because the page runs in the browser on its own.
 *
 * Every export of a file under `page/` is a plain function that the page script is made of
 * (`page-script.ts` joins their source texts): no module-level state, no imports at run time.
 * Functions of another page file are reached by their bare names through `declare const`.
 */

export function pageIntegerText(value: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(value);
}

/** formatDuration: three significant digits in the largest unit that keeps the number ≥ 1. */
export function pageDuration(ns: number | null | undefined, trimZeros?: boolean): string {
  if (ns === null || ns === undefined || !Number.isFinite(ns)) return '—';
  if (ns === 0) return '0 ns';
  const sign = ns < 0 ? '-' : '';
  const magnitude = Math.abs(ns);
  if (magnitude < 999.5) return `${sign}${pageIntegerText(magnitude)} ns`;
  const units: Array<[string, number]> = [
    ['µs', 1e3],
    ['ms', 1e6],
    ['s', 1e9],
  ];
  for (let i = 0; i < units.length; i++) {
    const [unit, size] = units[i] as [string, number];
    const scaled = magnitude / size;
    const rounded = Number(scaled.toPrecision(3));
    if (rounded < 1000 || i === units.length - 1) {
      let text = rounded >= 1000 ? pageIntegerText(scaled) : rounded.toFixed(rounded >= 100 ? 0 : rounded >= 10 ? 1 : 2);
      if (trimZeros && text.includes('.')) text = text.replace(/\.?0+$/, '');
      return `${sign}${text} ${unit}`;
    }
  }
  return '—';
}

/** formatCount. */
export function pageCount(value: number | null | undefined): string {
  return value !== null && value !== undefined && Number.isFinite(value) ? pageIntegerText(value) : '—';
}

/** formatDeltaPercent. */
export function pageDelta(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || Number.isNaN(percent)) return '—';
  if (!Number.isFinite(percent)) return percent > 0 ? '+∞%' : '-∞%';
  const magnitude = Math.abs(percent);
  const text = magnitude >= 99.95 ? pageIntegerText(magnitude) : magnitude.toFixed(1);
  if (text === '0.0') return '0.0%';
  return `${percent > 0 ? '+' : '-'}${text}%`;
}

/** formatPValue. */
export function pagePValue(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '—';
  if (p < 0.001) return '< 0.001';
  return Number(p.toPrecision(2)).toString();
}

/** formatShare. */
export function pageShare(percent: number | null | undefined): string {
  return percent !== null && percent !== undefined && Number.isFinite(percent) ? `${percent.toFixed(1)}%` : '—';
}

/** formatPercentLimit. */
export function pageLimit(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || Number.isNaN(percent)) return '—';
  if (!Number.isFinite(percent)) return '∞';
  const digits = percent >= 10 ? 0 : percent >= 1 ? 1 : 2;
  return `${Number(percent.toFixed(digits))}%`;
}

/** shortenMiddle: keeps both ends of a long text, by code point. */
export function pageShortenMiddle(text: string, maxLength: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxLength) return text;
  const keep = maxLength - 1;
  const head = Math.ceil(keep / 2);
  return chars.slice(0, head).join('') + '…' + chars.slice(chars.length - (keep - head)).join('');
}

/** shortenStart: keeps the end of a path, where the distinguishing part is. */
export function pageShortenStart(text: string, maxLength: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxLength) return text;
  return '…' + chars.slice(chars.length - (maxLength - 1)).join('');
}

/** sourceLocation without shortening: `file:line`, `built-in` for V8's and Tracy's own entries. */
export function pageSource(file: string, line: number): string {
  if (file === '' || file === 'N/A') return 'built-in';
  const normalized = file.replace(/\\/g, '/');
  return line > 0 ? `${normalized}:${line}` : normalized;
}

/**
 * The value axis of a time chart, as `render/chart/time-axis.ts` chooses it: logarithmic from
 * a power of ten when the values span more than two decades, else linear from 0.
 */
export function pageTimeAxis(values: ReadonlyArray<number | null>): { type: 'value' | 'log'; min: number; max?: number } {
  const positive = values.filter((value): value is number => value !== null && Number.isFinite(value) && value > 0);
  if (positive.length === 0) return { type: 'value', min: 0 };
  const smallest = Math.min(...positive);
  const largest = Math.max(...positive);
  if (largest / smallest <= 100) return { type: 'value', min: 0 };
  return { type: 'log', min: 10 ** Math.floor(Math.log10(smallest)), max: 10 ** Math.ceil(Math.log10(largest)) };
}
