import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { RunnerName } from '../collect/tracy-bridge.js';

/** A test file's leading doc comment, where Jest reads its pragmas. */
const LEADING_COMMENT = /^(?:#![^\n]*\n)?\s*(\/\*\*[\s\S]*?\*\/)/;
const ENVIRONMENT_PRAGMA = /@jest-environment\s+(\S+)/;

/** The environment a Jest test file names in its docblock (`@jest-environment jsdom`), if any. */
export function docblockEnvironment(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const comment = LEADING_COMMENT.exec(text)?.[1];
  return comment ? ENVIRONMENT_PRAGMA.exec(comment)?.[1] : undefined;
}

/**
 * The warnings for test files that sent no complete data: under Jest a file whose docblock
 * picks its own environment ran in that one, without perf-report's zones, which is not a crash.
 */
export function missingFilesWarnings(files: readonly string[], runner: RunnerName, root: string): string[] {
  const ownEnvironment = runner === 'jest' ? files.map((file) => ({ file, environment: docblockEnvironment(file) })).filter((entry) => entry.environment) : [];
  const named = new Set(ownEnvironment.map((entry) => entry.file));
  const crashed = files.filter((file) => !named.has(file));
  const lines: string[] = [];
  if (ownEnvironment.length > 0) {
    const list = ownEnvironment.map((entry) => `${relative(root, entry.file)} (${entry.environment})`).join(', ');
    lines.push(
      `perf-report: ${ownEnvironment.length} test file(s) chose their environment in a @jest-environment docblock and ran without zones: ${list}; ` +
        "to time them, name a wrapper made with perf-report's withPerfZones in the docblock",
    );
  }
  if (crashed.length > 0) lines.push(`perf-report: no complete data from ${crashed.length} test file(s) (worker crashed?): ${crashed.join(', ')}`);
  return lines;
}
