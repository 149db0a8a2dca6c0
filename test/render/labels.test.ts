import { describe, expect, it } from 'vitest';
import { printable, shortenMiddle, sourceLocation, zoneLabel } from '../../src/render/labels.js';

describe('labels', () => {
  it('shortens in the middle by code point, never splitting an emoji', () => {
    expect(shortenMiddle('abcdefghij', 5)).toBe('ab…ij');
    expect(shortenMiddle('short', 10)).toBe('short');
    const emoji = '😀'.repeat(10);
    const cut = shortenMiddle(emoji, 5);
    expect(Array.from(cut)).toHaveLength(5);
    expect(cut).toBe('😀😀…😀😀');
  });

  it('keeps the end of a source path and names built-ins', () => {
    expect(sourceLocation('src/deeply/nested/folder/of/things/vdom/diff.ts', 201, 28)).toBe('…/of/things/vdom/diff.ts:201');
    expect(sourceLocation('C:\\repo\\src\\a.ts', 3)).toBe('C:/repo/src/a.ts:3');
    expect(sourceLocation('', 0)).toBe('built-in');
  });

  it('replaces control characters and lone surrogates', () => {
    expect(printable('a\u0000b\nc')).toBe('a b c');
    expect(printable('x\ud83dy')).toBe('x\ufffdy');
    expect(printable('ok 😀 日本語 ^ < ~')).toBe('ok 😀 日本語 ^ < ~');
    expect(zoneLabel('n'.repeat(4096), 20)).toHaveLength(20);
  });
});
