import { describe, expect, it } from 'vitest';
import { matchZones } from '../../src/compare/match-zones.js';
import { zone } from '../support/tracy-fixture.js';

describe('matchZones', () => {
  it('matches a zone whose line moved (an edit above the function), where the original tool saw a new zone', () => {
    const before = [zone('Data.as_dict', { srcLine: 170 }), zone('Data.load', { srcLine: 200 })];
    const after = [zone('Data.as_dict', { srcLine: 173 }), zone('Data.load', { srcLine: 203 })];
    const result = matchZones(after, before);
    expect(result.added).toEqual([]);
    expect(result.removed).toEqual([]);
    expect(result.matched.map((pair) => [pair.current.srcLine, pair.baseline.srcLine])).toEqual([
      [173, 170],
      [203, 200],
    ]);
  });

  it('does not match the same name in another file', () => {
    const result = matchZones([zone('render', { srcFile: 'src/b.ts' })], [zone('render', { srcFile: 'src/a.ts' })]);
    expect(result.matched).toEqual([]);
    expect(result.added.map((z) => z.srcFile)).toEqual(['src/b.ts']);
    expect(result.removed.map((z) => z.srcFile)).toEqual(['src/a.ts']);
  });

  it('breaks ties by line: same line first, then the rest in line order', () => {
    // A coroutine split per await point: lines 10, 14, 18 before; a line inserted above 14 moves 14 and 18.
    const before = [10, 14, 18].map((line) => zone('coro', { srcLine: line, meanNs: line }));
    const after = [18, 10, 15, 19].map((line) => zone('coro', { srcLine: line, meanNs: line }));
    const result = matchZones(after, before);
    const pairs = result.matched.map((pair) => [pair.current.srcLine, pair.baseline.srcLine]);
    expect(pairs).toEqual([
      [18, 18],
      [10, 10],
      [15, 14],
    ]);
    expect(result.added.map((z) => z.srcLine)).toEqual([19]);
    expect(result.removed).toEqual([]);
  });

  it('reports zones present on one side only', () => {
    const result = matchZones([zone('a'), zone('b')], [zone('b'), zone('c')]);
    expect(result.matched.map((pair) => pair.current.name)).toEqual(['b']);
    expect(result.added.map((z) => z.name)).toEqual(['a']);
    expect(result.removed.map((z) => z.name)).toEqual(['c']);
  });
});
