import { copyFileSync, existsSync, mkdirSync, readdirSync, lstatSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { cliPath, tracyFixtures } from './fixtures.js';

export function perfReport(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return execa(process.execPath, [cliPath, ...args], { cwd, reject: false, env: { NO_COLOR: '1', ...env } });
}

/**
 * A measured project in `dir/project` (package.json `app` 1.0.0, `in.csv`) with a history of
 * 1.0.0 in `project/perf`; `dir` itself is the "outside" a refused command must not write to.
 */
export async function projectWithHistory(dir: string): Promise<{ project: string; h5Path: string }> {
  const project = join(dir, 'project');
  mkdirSync(join(project, 'perf'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0' }));
  copyFileSync(join(tracyFixtures, 'app.1.0.0.csv'), join(project, 'in.csv'));
  const h5Path = join(project, 'perf', 'profiles.h5');
  // One stored run, made once per test file and copied: generating it takes seconds.
  firstHistory ??= (async () => {
    const first = await perfReport(['generate', '-i', 'in.csv', '-o', 'perf', '--no-html'], project);
    if (first.exitCode !== 0) throw new Error(`could not store the first run: ${first.stderr}`);
    return readFileSync(h5Path);
  })();
  const bytes = await firstHistory;
  if (!existsSync(h5Path)) writeFileSync(h5Path, bytes);
  for (const name of readdirSync(join(project, 'perf'))) if (name !== 'profiles.h5') rmSync(join(project, 'perf', name), { force: true });
  return { project, h5Path };
}

let firstHistory: Promise<Buffer> | undefined;

/** Every file below `dir` with its size and modification time: what a refused command must leave alone. */
export function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    const info = lstatSync(path, { throwIfNoEntry: false });
    if (info?.isFile()) files.set(relative(dir, path), `${info.size}:${info.mtimeMs}`);
  }
  return files;
}

export function bytesOf(path: string): Buffer {
  return readFileSync(path);
}

