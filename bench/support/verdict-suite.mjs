// A sample project for the verdict benchmark: a Vitest suite of about 60 tests in 6 files
// with five user zones whose work is scaled by `src/scale.js`, so a commit can make chosen
// zones a known amount slower with more real work (not a sleep). Built in a temporary
// directory with its own git repository; perf-report and vitest are linked in as an
// installed copy would be.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCALED_ZONES = ['fnv hash', 'sum squares', 'sort numbers', 'json round trip', 'regex scan'];

const WORK = `// Five workloads of different kinds; each call does SCALE[name] × its base amount of work.
import { defineZone } from 'perf-report/zones';
import { SCALE } from './scale.js';

const TEXT = Array.from({ length: 64 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
const zones = {
  hash: defineZone('fnv hash'),
  squares: defineZone('sum squares'),
  sort: defineZone('sort numbers'),
  json: defineZone('json round trip'),
  regex: defineZone('regex scan'),
};

function fnv(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function hashWork() {
  return zones.hash.run(() => {
    let h = 0;
    for (let i = 0; i < Math.round(40 * SCALE.hash); i++) h ^= fnv(TEXT + i);
    return h;
  });
}

export function squaresWork() {
  return zones.squares.run(() => {
    let sum = 0;
    for (let i = 0; i < Math.round(4000 * SCALE.squares); i++) sum += (i * i) % 7;
    return sum;
  });
}

export function sortWork(seed) {
  return zones.sort.run(() => {
    let x = seed;
    const values = Array.from({ length: Math.round(300 * SCALE.sort) }, () => (x = (x * 1103515245 + 12345) % 2147483648));
    return values.sort((a, b) => a - b)[0];
  });
}

export function jsonWork(i) {
  return zones.json.run(() => {
    const items = Array.from({ length: Math.round(30 * SCALE.json) }, (_, k) => ({ id: k + i, name: 'item' + k, tags: ['a', 'b'] }));
    return JSON.parse(JSON.stringify(items)).length;
  });
}

export function regexWork(i) {
  return zones.regex.run(() => {
    const text = ('abc-123 def-456 ' + i).repeat(Math.round(20 * SCALE.regex));
    return (text.match(/[a-z]+-\\d+/g) ?? []).length;
  });
}
`;

function testFile(index) {
  const kinds = ['hashWork()', 'squaresWork()', 'sortWork(i + 1)', 'jsonWork(i)', 'regexWork(i)'];
  let source = `import { beforeEach, describe, expect, test } from 'vitest';\nimport { hashWork, squaresWork, sortWork, jsonWork, regexWork } from '../src/work.js';\n\n`;
  source += `describe('file ${index}', () => {\n  let list;\n  beforeEach(() => { list = Array.from({ length: 100 }, (_, i) => i); });\n`;
  for (let t = 0; t < 10; t++) {
    if (index < kinds.length && t === 0) {
      source += `  test('calls ${kinds[index].replace(/\(.*/, '')} 150 times', () => {\n    for (let i = 0; i < 150; i++) ${kinds[index]};\n    expect(list).toHaveLength(100);\n  });\n`;
    } else {
      source += `  test('case ${t}', () => {\n    let s = 0;\n    for (let i = 0; i < ${200 * (t + 1)}; i++) s += list[i % 100];\n    expect(s).toBeGreaterThan(0);\n  });\n`;
    }
  }
  source += `});\n`;
  return source;
}

/** The suite at `dir` with every zone at scale 1; returns the directory. */
export function createVerdictProject() {
  const dir = mkdtempSync(join(tmpdir(), 'perf-report-verdicts-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'verdict-suite', version: '1.0.0', type: 'module', private: true }));
  writeFileSync(join(dir, 'vitest.config.mjs'), `import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { include: ['test/**/*.test.js'] } });\n`);
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'test'));
  writeFileSync(join(dir, 'src/work.js'), WORK);
  writeScale(dir, {});
  for (let f = 0; f < 6; f++) writeFileSync(join(dir, 'test', `file${f}.test.js`), testFile(f));
  mkdirSync(join(dir, 'node_modules'));
  const installed = join(dir, 'node_modules/perf-report');
  mkdirSync(installed);
  cpSync(join(REPO, 'dist'), join(installed, 'dist'), { recursive: true });
  cpSync(join(REPO, 'package.json'), join(installed, 'package.json'));
  symlinkSync(join(REPO, 'node_modules'), join(installed, 'node_modules'), 'dir');
  symlinkSync(join(REPO, 'node_modules/vitest'), join(dir, 'node_modules/vitest'), 'dir');
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\nperf*/\n');
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '-A']);
  git(dir, ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '-m', 'scale 1']);
  return dir;
}

/** Scales the named zones' work (`{ hash: 1.2 }`) in the working tree. */
export function writeScale(dir, scale) {
  const full = { hash: 1, squares: 1, sort: 1, json: 1, regex: 1, ...scale };
  writeFileSync(join(dir, 'src/scale.js'), `export const SCALE = ${JSON.stringify(full)};\n`);
}

export function git(dir, args) {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
}
