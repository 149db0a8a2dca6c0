// What every fault section shares: running the built CLI, reading a history back with both
// h5wasm (our own reader, which checks every run's checksum) and h5py (the original tool's
// reader), and the closing FAULTS line faults.mjs collects.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repo = fileURLToPath(new URL('../../..', import.meta.url));
export const cli = join(repo, 'dist/src/cli/main.js');
export const fixtures = join(repo, 'fixtures');
/** A zone CSV with rounds (~90 zones, ~300 round rows): a store writes a few hundred KB per version. */
export const roundsCsv = join(fixtures, 'rounds/suite.1.0.0.csv');
export const smallCsv = join(fixtures, 'tracy-csvexport/app.1.0.0.csv');

/** The arguments of `perf-report generate` storing `csv` as `version` into `outDir`. */
export function generateArgs(csv, outDir, version) {
  return [cli, 'generate', '-i', csv, '-o', outDir, '--version', version, '--name', 'faults', '--no-html', '--no-compare'];
}

/** Runs the CLI to the end: { code, stdout, stderr }. */
export function runCli(args, options = {}) {
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, ...options });
  return { code: result.status, signal: result.signal, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Starts the CLI: the child process and a promise of its end. */
export function startCli(args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const ended = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, ended };
}

export function scratchDir(name) {
  return mkdtempSync(join(tmpdir(), `perf-report-faults-${name}-`));
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/** Temp files and locks a store leaves beside the history when it does not clean up. */
export function leftoversIn(dir) {
  return readdirSync(dir).filter((name) => name.endsWith('.tmp') || name.endsWith('.lock') || name.includes('.lock.stale-'));
}

const { readHistoryRuns } = await import(pathToFileURL(join(repo, 'dist/src/store/history-merge.js')).href);

const H5PY_READER = `
import h5py, json, sys
versions = []
with h5py.File(sys.argv[1], 'r') as f:
    for version in f:
        for platform in f[version]:
            run = f[version][platform]
            dict(run['meta'].attrs)
            for group in ('profiles', 'rounds'):
                if group in run:
                    for name in run[group]:
                        run[group][name][()]
            versions.append(version)
print(json.dumps(sorted(versions)))
`;

/**
 * The versions the history at `path` holds, read whole by h5wasm (checksums verified) and by
 * h5py; `error` when either cannot read it or they disagree: the file is corrupt.
 */
export async function readBack(path) {
  let fromH5wasm;
  try {
    fromH5wasm = [...new Set((await readHistoryRuns(path)).map((run) => run.versionKey))].sort();
  } catch (error) {
    return { error: `h5wasm: ${error.message}` };
  }
  const python = spawnSync('/usr/bin/python3', ['-c', H5PY_READER, path], { encoding: 'utf8' });
  if (python.status !== 0) return { error: `h5py: ${python.stderr.trim().split('\n').at(-1)}` };
  const fromH5py = JSON.parse(python.stdout);
  if (JSON.stringify(fromH5py) !== JSON.stringify(fromH5wasm)) {
    return { error: `h5wasm reads ${fromH5wasm.join(', ')}, h5py ${fromH5py.join(', ')}` };
  }
  return { versions: fromH5wasm };
}

/** A section's counters and its closing line. */
export function tally(section) {
  const counts = { section, trials: 0, corrupt: 0, lost: 0, outside: 0, leftovers: 0, failures: 0 };
  return {
    counts,
    /** A problem worth a line of its own; `kind` is the counter it adds to. */
    problem(kind, text) {
      counts[kind] += 1;
      console.log(`  ${kind.toUpperCase()}: ${text}`);
    },
    finish(extra = {}) {
      console.log(`FAULTS ${JSON.stringify({ ...counts, ...extra })}`);
    },
  };
}

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The lines a process wrote to stderr, blank ones left out. */
export function linesOf(text) {
  return text.split('\n').filter((line) => line.trim().length > 0);
}
