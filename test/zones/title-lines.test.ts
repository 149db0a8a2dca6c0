import { describe, expect, it } from 'vitest';
import { TitleLines } from '../../src/zones/title-lines.js';

const source = [
  "import { describe, it, test } from 'vitest';", // 1
  "describe('math', () => {", // 2
  "  test('adds', () => {});", // 3
  '  it.concurrent("quotes \\"inside\\"", async () => {});', // 4
  "  describe.skipIf(process.env.CI)('nested', () => {", // 5
  '    test(`template`, () => {});', // 6
  "    test('adds', () => {});", // 7
  '  });', // 8
  "  test.each([1, 2])('case %i', () => {});", // 9
  '});', // 10
].join('\n');

describe('TitleLines', () => {
  const lines = new TitleLines(source);

  it('finds the line of each registered title, modifiers and quotes of every kind included', () => {
    expect(lines.lineOf('math', 0)).toBe(2);
    expect(lines.lineOf('quotes "inside"', 2)).toBe(4);
    expect(lines.lineOf('nested', 2)).toBe(5);
    expect(lines.lineOf('template', 5)).toBe(6);
  });

  it('tells a repeated title apart by the enclosing block\'s line', () => {
    expect(lines.lineOf('adds', 2)).toBe(3);
    expect(lines.lineOf('adds', 5)).toBe(7);
  });

  it('knows nothing of titles formatted at run time', () => {
    expect(lines.lineOf('case 1', 2)).toBeUndefined();
  });

  it('places a title by the text alone only where the file writes it once', () => {
    expect(lines.uniqueLineOf('template')).toBe(6);
    expect(lines.uniqueLineOf('adds')).toBeUndefined();
    expect(lines.uniqueLineOf('case 1')).toBeUndefined();
  });
});

describe('TitleLines for hooks', () => {
  const lines = new TitleLines(
    [
      'beforeAll(() => {});', // 1
      "describe('a', () => {", // 2
      '  beforeEach(() => {});', // 3
      '  beforeEach(async () => {});', // 4
      '  afterEach(() => {});', // 5
      '});', // 6
    ].join('\n'),
  );

  it('takes a block\'s hooks of one kind in the order they are written', () => {
    expect(lines.hookLine('beforeAll', 0, 0)).toBe(1);
    expect(lines.hookLine('beforeEach', 2, 0)).toBe(3);
    expect(lines.hookLine('beforeEach', 2, 1)).toBe(4);
    expect(lines.hookLine('afterEach', 2, 0)).toBe(5);
    expect(lines.hookLine('afterAll', 0, 0)).toBeUndefined();
  });
});
