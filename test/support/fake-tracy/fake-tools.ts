import { chmodSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, '../../..');
/** The fake tools and the protocol test double they are built on. */
const SOURCES = [HERE, join(REPO, 'test/support/tracy-double')];
/**
 * Under the repo's node_modules so that the built scripts resolve `lz4js` from it; a
 * directory per call, so test files building at the same time do not meet.
 */
const CACHE = join(REPO, 'node_modules/.cache/perf-report-fake-tracy');

export interface FakeTracyTools {
  /** A directory holding `tracy-capture` and `tracy-csvexport`, for PATH. */
  binDir: string;
  capture: string;
  csvexport: string;
  remove(): void;
}

/**
 * Builds the fake tracy-capture and tracy-csvexport (TypeScript, transpiled without type
 * checks: tsc already checks them with the tests) into executables named as Tracy's. Node 20
 * cannot run TypeScript itself, hence the build; it takes well under a second.
 */
export function installFakeTracyTools(): FakeTracyTools {
  mkdirSync(CACHE, { recursive: true });
  const root = join(CACHE, `${process.pid}-${Date.now().toString(36)}`);
  for (const dir of SOURCES) {
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.ts') || name.endsWith('.d.ts') || name === 'fake-tools.ts') continue;
      const source = readFileSync(join(dir, name), 'utf8');
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        fileName: name,
      });
      const out = join(root, relative(REPO, dir), name.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, outputText);
    }
  }
  // Inside node_modules a file's package scope stops at the cache: say these are modules.
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  const binDir = join(root, 'bin');
  mkdirSync(binDir);
  const script = (name: string) => join(root, relative(REPO, HERE), `${name}.js`);
  const capture = wrapper(binDir, 'tracy-capture', script('fake-tracy-capture'));
  const csvexport = wrapper(binDir, 'tracy-csvexport', script('fake-tracy-csvexport'));
  return { binDir, capture, csvexport, remove: () => rmSync(root, { recursive: true, force: true }) };
}

function wrapper(binDir: string, name: string, script: string): string {
  const path = join(binDir, name);
  // exec: signals sent to the tool reach the Node process itself.
  writeFileSync(path, `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(script)} "$@"\n`);
  chmodSync(path, 0o755);
  return path;
}

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
