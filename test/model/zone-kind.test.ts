import { describe, expect, it } from 'vitest';
import { isFileZone, leafZones, zoneKinds } from '../../src/model/zone-kind.js';

const at = (name: string, srcFile = 'test/math.test.ts') => ({ name, srcFile });

describe('zone kinds, derived from names and files', () => {
  it('tells files, describe blocks and leaves apart as Vitest and Jest name them', () => {
    const zones = [
      at('run test/math.test.ts'),
      at('collect test/math.test.ts'),
      at('math'),
      at('math > nested'),
      at('math > nested > sums nothing'),
      at('math > adds'),
      at('math > beforeEach'),
      at('beforeEach'),
      at('top level'),
      at('fib', 'src/lib.ts'),
    ];
    expect(zoneKinds(zones)).toEqual(['file', 'file', 'suite', 'suite', 'leaf', 'leaf', 'leaf', 'leaf', 'leaf', 'leaf']);
    expect(leafZones(zones).map((zone) => zone.name)).toEqual([
      'math > nested > sums nothing',
      'math > adds',
      'math > beforeEach',
      'beforeEach',
      'top level',
      'fib',
    ]);
  });

  it('needs the holder and its contents in the same file', () => {
    // A user zone named like a describe block of a test file is not that block.
    expect(zoneKinds([at('render', 'src/render.tsx'), at('render > mounts', 'test/render.test.ts')])).toEqual(['leaf', 'leaf']);
  });

  it('takes a file zone only when it names its own file', () => {
    expect(isFileZone(at('run test/math.test.ts'))).toBe(true);
    expect(isFileZone(at('run migrations', 'src/db.ts'))).toBe(false);
    expect(isFileZone(at('collect test/other.test.ts'))).toBe(false);
    expect(isFileZone(at('running test/math.test.ts'))).toBe(false);
  });
});
