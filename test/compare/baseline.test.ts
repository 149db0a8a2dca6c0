import { describe, expect, it } from 'vitest';
import { compareVersions, selectBaseline } from '../../src/compare/baseline.js';

const at = (version: string, timestamp: number) => ({ version, timestamp });

describe('selectBaseline', () => {
  it('orders 0.0.9 < 0.0.10 < 0.0.11 by semver, not by HDF5 key order (the original tool picked 0.0.9)', () => {
    const stored = [at('0.0.10', 300), at('0.0.5', 100), at('0.0.9', 200)];
    expect(selectBaseline(at('0.0.11', 400), stored)).toBe('0.0.10');
  });

  it('orders 1.9.0 < 1.10.0 < 1.10.1', () => {
    const stored = [at('1.10.0', 2), at('1.10.1', 3), at('1.9.0', 1)];
    expect(selectBaseline(at('1.10.1', 3), stored)).toBe('1.10.0');
  });

  it('sorts a pre-release below its release', () => {
    const stored = [at('2.0.0-rc.1', 1), at('2.0.0', 2)];
    expect(selectBaseline(at('2.0.1', 3), stored)).toBe('2.0.0');
    expect(selectBaseline(at('2.0.0', 3), stored)).toBe('2.0.0-rc.1');
    expect(selectBaseline(at('2.0.0-rc.2', 3), stored)).toBe('2.0.0-rc.1');
  });

  it('never returns the current version, even when it is the only run stored', () => {
    expect(selectBaseline(at('1.0.0', 5), [at('1.0.0', 5)])).toBeUndefined();
    expect(selectBaseline(at('0.0.11.dev3+g7ba3999', 5), [at('0.0.11.dev3+g7ba3999', 1)])).toBeUndefined();
  });

  it('never picks a greater version, even one stored earlier', () => {
    // Re-running the report of 1.0.0 after 1.1.0 was stored.
    expect(selectBaseline(at('1.0.0', 10), [at('1.1.0', 5), at('0.9.0', 1)])).toBe('0.9.0');
    expect(selectBaseline(at('1.0.0', 10), [at('1.1.0', 5)])).toBeUndefined();
  });

  it('falls back to the newest older timestamp for non-semver versions', () => {
    const stored = [at('0.0.10.dev1+gaaa', 100), at('0.0.10.dev2+gbbb', 200), at('0.0.10.dev9+gccc', 400)];
    expect(selectBaseline(at('0.0.10.dev3+gddd', 300), stored)).toBe('0.0.10.dev2+gbbb');
  });

  it('uses time for semver candidates when the current version is not semver', () => {
    expect(selectBaseline(at('nightly', 300), [at('1.0.0', 100), at('2.0.0', 200), at('3.0.0', 400)])).toBe(
      '2.0.0',
    );
  });

  it('returns undefined when nothing is older', () => {
    expect(selectBaseline(at('1.0.0', 1), [])).toBeUndefined();
    expect(selectBaseline(at('weekly', 1), [at('daily', 2)])).toBeUndefined();
  });
});

describe('compareVersions', () => {
  it('sorts semver by precedence and keeps non-semver after, numerically', () => {
    const versions = ['0.0.10', 'build-10', '2.0.0', '0.0.9', 'build-9', '2.0.0-rc.1', '1.10.0', '1.9.0'];
    expect([...versions].sort(compareVersions)).toEqual([
      '0.0.9',
      '0.0.10',
      '1.9.0',
      '1.10.0',
      '2.0.0-rc.1',
      '2.0.0',
      'build-9',
      'build-10',
    ]);
  });
});
