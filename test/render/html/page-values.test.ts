import { describe, expect, it } from 'vitest';
import { formatCount, formatDeltaPercent, formatDuration, formatPValue, formatPercentLimit, formatShare } from '../../../src/render/format.js';
import { shortenMiddle, shortenStart, sourceLocation } from '../../../src/render/labels.js';
import { chooseTimeAxis } from '../../../src/render/chart/time-axis.js';
import { pageCount, pageDelta, pageDuration, pageLimit, pagePValue, pageShare, pageShortenMiddle, pageShortenStart, pageSource, pageTimeAxis } from '../../../src/render/html/page/format.js';
import { pageDeltaValue, pageDurationValue, pageLimitValue, pagePValueValue, pageShareValue, type PageNumber } from '../../../src/render/html/page-values.js';

/** A deterministic spread of values over many decades, with the edges the formatters switch at. */
function samples(lowExponent: number, highExponent: number, count = 4000): number[] {
  let state = 12345;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const values = [0, 0.5, 1, 99.5, 99.949, 99.95, 999.4, 999.5, 999.96e3, 1e6, 999.5e9, 1e12, 4321.4e9, 0.0009, 0.001, 0.00999, 9.996, 1.249, 1.25, 12.35];
  for (let i = 0; i < count; i++) values.push(10 ** (lowExponent + random() * (highExponent - lowExponent)));
  for (let i = 0; i < count / 4; i++) values.push(Math.round(random() * 2000) / 2);
  return [...values, ...values.map((value) => -value)];
}

const decode = (value: PageNumber): number => (typeof value === 'number' ? value : value === null ? Number.NaN : value === 'inf' ? Infinity : -Infinity);

describe('the page formats numbers exactly as format.ts does', () => {
  it('durations, exact and as stored (three significant digits)', () => {
    for (const ns of samples(-1, 13)) {
      expect(pageDuration(ns)).toBe(formatDuration(ns));
      expect(pageDuration(ns, true)).toBe(formatDuration(ns, { trimZeros: true }));
      expect(pageDuration(decode(pageDurationValue(ns)))).toBe(formatDuration(ns));
    }
    expect(pageDuration(null)).toBe('—');
  });

  it('Δ, p and q, detectable change, shares and counts', () => {
    for (const value of samples(-3, 4)) {
      expect(pageDelta(decode(pageDeltaValue(value)))).toBe(formatDeltaPercent(value));
      expect(pageDelta(value)).toBe(formatDeltaPercent(value));
      expect(pageShare(decode(pageShareValue(value)))).toBe(formatShare(value));
      expect(pageCount(Math.round(value))).toBe(formatCount(Math.round(value)));
    }
    for (const value of samples(-8, 0).filter((p) => p >= 0)) {
      expect(pagePValue(decode(pagePValueValue(value)))).toBe(formatPValue(value));
    }
    for (const value of samples(-3, 4).filter((limit) => limit >= 0)) {
      expect(pageLimit(decode(pageLimitValue(value)))).toBe(formatPercentLimit(value));
    }
    expect(pageLimitValue(Infinity)).toBe('inf');
    expect(pageLimit(decode('inf'))).toBe(formatPercentLimit(Infinity));
    expect(pageDelta(decode(pageDeltaValue(undefined)))).toBe(formatDeltaPercent(undefined));
  });

  it('labels and the time axis', () => {
    const name = `describe 日本語 😀 > ${'x'.repeat(300)} end`;
    expect(pageShortenMiddle(name, 40)).toBe(shortenMiddle(name, 40));
    expect(pageShortenStart(name, 40)).toBe(shortenStart(name, 40));
    expect(pageSource('src\\a.ts', 12)).toBe(sourceLocation('src\\a.ts', 12, 1000));
    expect(pageSource('', 0)).toBe(sourceLocation('', 0));
    for (const values of [[1, 50], [3, 5e6, 12], [], [0, 0]]) expect(pageTimeAxis(values)).toEqual(chooseTimeAxis(values));
  });
});
