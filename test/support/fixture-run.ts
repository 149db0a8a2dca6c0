import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export interface CsvRow {
  name: string;
  src_file: string;
  src_line: string;
  total_ns: string;
  total_perc: string;
  counts: string;
  mean_ns: string;
  min_ns: string;
  max_ns: string;
  std_ns: string;
}

export interface FixtureRun {
  status: number | null;
  output: string;
}

/** Runs a command (usually the real vitest) in a fixture, with PERF_* variables of the outer run removed. */
export function runIn(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): FixtureRun {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PERF_') && key !== 'VITEST' && !key.startsWith('VITEST_')));
  // The embedded collector unless a test asks otherwise: a machine with Tracy on PATH must not change the outcome.
  const result = spawnSync(process.execPath, args, { cwd, env: { ...clean, PERF_BACKEND: 'embedded', ...env }, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

const tempDirs: string[] = [];

export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `perf-report-${label}-`));
  tempDirs.push(dir);
  return dir;
}

/** For afterAll: removes the directories this test file made. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function readZoneCsv(dir: string): { file: string; text: string; rows: CsvRow[] } {
  const csv = readdirSync(dir).find((name) => name.endsWith('.csv'));
  if (!csv) throw new Error(`no CSV in ${dir}: ${readdirSync(dir).join(', ')}`);
  const text = readFileSync(join(dir, csv), 'utf8');
  return { file: csv, text, rows: parse(text, { columns: true, skip_empty_lines: true }) as CsvRow[] };
}

export function row(rows: CsvRow[], name: string): CsvRow {
  const found = rows.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no zone "${name}" among: ${rows.map((r) => r.name).join(' | ')}`);
  return found;
}

export function pdfFirstPage(dir: string): string | undefined {
  const pdf = readdirSync(dir).find((name) => name.endsWith('.pdf'));
  if (!pdf) return undefined;
  const result = spawnSync('pdftotext', ['-f', '1', '-l', '1', join(dir, pdf), '-'], { encoding: 'utf8' });
  return result.stdout;
}

export { existsSync };
