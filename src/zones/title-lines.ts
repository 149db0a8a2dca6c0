import { readFileSync } from 'node:fs';

/**
 * The lines of `test(…)`/`it(…)`/`describe(…)` titles in a test file's source, found once per
 * file by scanning the text. Vitest can record exact locations (`includeTaskLocation`), but it
 * does so by capturing and source-mapping a stack trace for every test at collection, which
 * cost about 9 % of a 1,000-test run (bench/suite.bench.mjs); reading the file once is nearly
 * free. Hooks are found the same way (Vitest's registration stack for them would also have to
 * be source-mapped, about 4 % more). Titles built at run time (`test.each` formats, template literals with `${}`) are not in
 * the text: such a task's line comes from its registration stack (RegistrationSites).
 */
export class TitleLines {
  private readonly linesByTitle = new Map<string, number[]>();
  private readonly linesByHook = new Map<string, number[]>();

  constructor(source: string) {
    const lineStarts = [0];
    for (let at = source.indexOf('\n'); at !== -1; at = source.indexOf('\n', at + 1)) lineStarts.push(at + 1);
    for (const match of source.matchAll(TITLED_CALL)) {
      const title = unescape(match[2] ?? '');
      const line = lineOf(lineStarts, (match.index ?? 0) + match[0].indexOf(match[1] ?? ''));
      const lines = this.linesByTitle.get(title);
      if (lines) lines.push(line);
      else this.linesByTitle.set(title, [line]);
    }
    for (const match of source.matchAll(HOOK_CALL)) {
      const kind = match[1] ?? '';
      const line = lineOf(lineStarts, match.index ?? 0);
      const lines = this.linesByHook.get(kind);
      if (lines) lines.push(line);
      else this.linesByHook.set(kind, [line]);
    }
  }

  /** The first line at or after `from` (the enclosing block's line) where `title` is registered. */
  lineOf(title: string, from: number): number | undefined {
    return this.linesByTitle.get(title)?.find((line) => line >= from);
  }

  /** The line of `title` when the file registers it at one place only (so no other block's test can be meant). */
  uniqueLineOf(title: string): number | undefined {
    const lines = this.linesByTitle.get(title);
    return lines?.length === 1 ? lines[0] : undefined;
  }

  /**
   * The line of the `index`-th hook of `kind` registered at or after `from` (its block's
   * line). Hooks have no title, so a block's hooks are taken in the order they are written.
   */
  hookLine(kind: string, from: number, index: number): number | undefined {
    return this.linesByHook.get(kind)?.filter((line) => line >= from)[index];
  }

  static ofFile(path: string): TitleLines {
    try {
      return new TitleLines(readFileSync(path, 'utf8'));
    } catch {
      return new TitleLines('');
    }
  }
}

/**
 * `test(`, `it` with a modifier (`.only`, `.concurrent`), `test.skipIf(cond)(`… followed by a string
 * literal; group 1 is the quote, group 2 the title's text.
 */
const TITLED_CALL = /\b(?:test|it|describe|suite|bench)(?:\s*\.\s*\w+(?:\([^()]*\))?)*\s*\(\s*(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g;

const HOOK_CALL = /\b(beforeAll|afterAll|beforeEach|afterEach)\s*\(/g;

function unescape(literal: string): string {
  return literal.replace(/\\(.)/g, '$1');
}

function lineOf(lineStarts: readonly number[], index: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if ((lineStarts[mid] ?? 0) <= index) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
