import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/build.js';

/**
 * The folders in pipeline order, lowest first. A file may import its own folder and any
 * folder of a lower layer, never one of its own layer or above: the imports themselves say
 * the house reads as the pipeline (README, "Layout of this repository").
 */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ['src/errors.ts', 'src/environment.ts'],
  ['src/model'],
  ['src/fs', 'src/transport', 'src/git'],
  ['src/zones', 'src/tracy', 'src/tools'],
  ['src/collect'],
  ['src/extract', 'src/store'],
  ['src/compare'],
  ['src/render'],
  ['src/pipeline'],
  ['src/session'],
  ['src/cli', 'src/api.ts'],
  ['reporter'],
  // The plugin loads the Vitest reporter when a run is a perf run.
  ['plugin'],
];

function layerOf(file: string): { unit: string; rank: number } {
  for (const [rank, units] of LAYERS.entries()) {
    for (const unit of units) if (file === unit || file.startsWith(`${unit}/`)) return { unit, rank };
  }
  throw new Error(`${file} is in no layer: add its folder to LAYERS`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(REPO, join(entry.parentPath, entry.name)));
}

/** Relative imports (static, dynamic and type-only) of one file, as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(REPO, file), 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    found.push(relative(REPO, resolve(REPO, dirname(file), (match[1] as string).replace(/\.js$/, '.ts'))));
  }
  return found;
}

const files = ['src', 'plugin', 'reporter'].flatMap(sourceFiles);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('the layers of the source tree', () => {
  it('every import points to the same folder or a lower layer', () => {
    const against: string[] = [];
    for (const [file, imports] of graph) {
      const from = layerOf(file);
      for (const target of imports) {
        const to = layerOf(target);
        if (to.unit !== from.unit && to.rank >= from.rank) against.push(`${file} → ${target}`);
      }
    }
    expect(against).toEqual([]);
  });

  it('no file reaches itself through its imports', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('every import names a file that exists', () => {
    const missing = [...graph].flatMap(([file, imports]) => imports.filter((target) => !graph.has(target)).map((target) => `${file} → ${target}`));
    expect(missing).toEqual([]);
  });
});
