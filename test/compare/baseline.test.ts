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

describe('selectBaseline with commit ancestry (one run per commit, `<version>+<sha>`)', () => {
  const run = (version: string, timestamp: number, ancestorDistance?: number) => ({ version, timestamp, ...(ancestorDistance === undefined ? {} : { ancestorDistance }) });

  it('takes the nearest ancestor commit, not the newest run nor the greatest string', () => {
    // c is an ancestor two commits back, a five back; z is another branch's newer run.
    const stored = [run('1.2.0+aaaaaaa', 900, 5), run('1.2.0+ccccccc', 100, 2), run('1.2.0+zzzzzzz', 1000)];
    expect(selectBaseline(run('1.2.0+ddddddd', 2000, 0), stored, { byAncestry: true })).toBe('1.2.0+ccccccc');
    // Without ancestry, time decides, as before.
    expect(selectBaseline(run('1.2.0+ddddddd', 2000), stored)).toBe('1.2.0+zzzzzzz');
  });

  it('prefers the previous commit over the last release, and never a run of another branch', () => {
    const stored = [run('1.1.0', 50, 9), run('1.2.0+bbbbbbb', 100, 1)];
    expect(selectBaseline(run('1.2.0+ccccccc', 200, 0), stored, { byAncestry: true })).toBe('1.2.0+bbbbbbb');
    // Only another branch's run of this release: the last release is the baseline.
    expect(selectBaseline(run('1.2.0+ccccccc', 200, 0), [run('1.1.0', 50, 9), run('1.2.0+xxxxxxx', 150)], { byAncestry: true })).toBe('1.1.0');
    expect(selectBaseline(run('1.2.0+ccccccc', 200, 0), [run('1.2.0+xxxxxxx', 150)], { byAncestry: true })).toBeUndefined();
  });

  it('compares a dirty tree with the clean run of its own commit', () => {
    expect(selectBaseline(run('1.2.0+ccccccc.dirty', 300), [run('1.2.0+bbbbbbb', 100, 1), run('1.2.0+ccccccc', 200, 0)], { byAncestry: true })).toBe('1.2.0+ccccccc');
  });

  it('breaks ties between lower versions of equal precedence by ancestry', () => {
    const stored = [run('1.1.0+aaaaaaa', 500, 7), run('1.1.0+bbbbbbb', 100, 3)];
    expect(selectBaseline(run('1.2.0+ccccccc', 600, 0), stored, { byAncestry: true })).toBe('1.1.0+bbbbbbb');
    expect(selectBaseline(run('1.2.0+ccccccc', 600, 0), stored)).toBe('1.1.0+aaaaaaa');
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
