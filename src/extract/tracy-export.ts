import { readFile, stat, writeFile } from 'node:fs/promises';
import { inputError, workError } from '../errors.js';
import type { ZoneStat } from '../model/zone-stat.js';
import { parseTracyCsv } from './tracy-csv.js';
import { findTracyTool, TRACY_INSTALL_HINT } from '../tools/tracy-tools.js';

/** `x.tracy` → `x.csv`, the file tracy-csvexport's output is kept in. */
export function csvPathForCapture(capturePath: string): string {
  return capturePath.replace(/\.tracy$/i, '') + '.csv';
}

/**
 * Exports a `.tracy` capture with tracy-csvexport (argv, no shell), keeps the CSV beside
 * it, and parses it. A CSV newer than the capture is the export of a previous call and is
 * read as it is, so a capture is exported once however often it is read.
 */
export async function exportTracyCapture(capturePath: string, csvexport?: string): Promise<ZoneStat[]> {
  const csvPath = csvPathForCapture(capturePath);
  if (await isNewerThan(csvPath, capturePath)) return parseTracyCsv(await readFile(csvPath), csvPath);

  const tool = findTracyTool('tracy-csvexport', csvexport);
  if (!tool) throw workError(capturePath, `tracy-csvexport was not found. ${TRACY_INSTALL_HINT}`);
  const { execa } = await import('execa');
  const result = await execa(tool, [capturePath], { encoding: 'buffer', reject: false, stripFinalNewline: false });
  if (result.exitCode !== 0 || result.failed) {
    const stderr = Buffer.from(result.stderr ?? new Uint8Array()).toString('utf8').trim();
    throw inputError(
      capturePath,
      `tracy-csvexport failed (${result.exitCode === undefined ? result.shortMessage : `exit ${result.exitCode}`})${stderr ? `: ${stderr.split('\n')[0]}` : ''}`,
    );
  }
  const csv = result.stdout as Uint8Array;
  await writeFile(csvPath, csv);
  return parseTracyCsv(csv, csvPath);
}

async function isNewerThan(path: string, than: string): Promise<boolean> {
  try {
    const [a, b] = await Promise.all([stat(path), stat(than)]);
    return a.mtimeMs >= b.mtimeMs;
  } catch {
    return false;
  }
}
