import { describe, expect, it } from 'vitest';
import { formatCount, formatDeltaPercent, formatDuration, formatPValue, formatShare, formatTimestamp } from '../../src/render/format.js';

describe('formatDuration', () => {
  it('picks the unit that keeps the number ≥ 1, three significant digits', () => {
    expect(formatDuration(0)).toBe('0 ns');
    expect(formatDuration(7)).toBe('7 ns');
    expect(formatDuration(999)).toBe('999 ns');
    expect(formatDuration(1_234)).toBe('1.23 µs');
    expect(formatDuration(82_808)).toBe('82.8 µs');
    expect(formatDuration(411_000)).toBe('411 µs');
    expect(formatDuration(2_863_390)).toBe('2.86 ms');
    expect(formatDuration(12_500_000_000)).toBe('12.5 s');
    expect(formatDuration(4_321_000_000_000)).toBe('4,321 s');
  });

  it('chooses the unit after rounding (the original tool printed 1,000 µs and 100.0 µs)', () => {
    expect(formatDuration(999_600)).toBe('1.00 ms');
    expect(formatDuration(99_960)).toBe('100 µs');
    expect(formatDuration(999.6)).toBe('1.00 µs');
    expect(formatDuration(9_996)).toBe('10.0 µs');
  });

  it('trims zeros for axis ticks and survives odd input', () => {
    expect(formatDuration(10_000, { trimZeros: true })).toBe('10 µs');
    expect(formatDuration(1_000_000, { trimZeros: true })).toBe('1 ms');
    expect(formatDuration(2_500_000, { trimZeros: true })).toBe('2.5 ms');
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(-2_000)).toBe('-2.00 µs');
  });
});

describe('other formats', () => {
  it('formats deltas with a sign and one decimal below 100 %', () => {
    expect(formatDeltaPercent(49.4123)).toBe('+49.4%');
    expect(formatDeltaPercent(-39.76)).toBe('-39.8%');
    expect(formatDeltaPercent(0.01)).toBe('0.0%');
    expect(formatDeltaPercent(-0.04)).toBe('0.0%');
    expect(formatDeltaPercent(0)).toBe('0.0%');
    expect(formatDeltaPercent(212.4)).toBe('+212%');
    expect(formatDeltaPercent(undefined)).toBe('—');
  });

  it('formats p-values with two significant digits or a bound', () => {
    expect(formatPValue(6.95e-15)).toBe('< 0.001');
    expect(formatPValue(0.0775464)).toBe('0.078');
    expect(formatPValue(0.5)).toBe('0.5');
    expect(formatPValue(undefined)).toBe('—');
  });

  it('formats counts, shares and time stamps independently of the locale and time zone', () => {
    expect(formatCount(121_940)).toBe('121,940');
    expect(formatShare(6.221239)).toBe('6.2%');
    expect(formatTimestamp(Date.UTC(2026, 2, 23, 14, 5) / 1000)).toBe('2026-03-23 14:05 UTC');
    expect(formatTimestamp(0)).toBe('—');
  });
});
