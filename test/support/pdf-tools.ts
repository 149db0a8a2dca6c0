// Reads rendered PDFs back with poppler-utils (pdftotext, pdfinfo), as a reader would see them.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function pdfText(file: string, pages?: { first: number; last: number }): Promise<string> {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  const { stdout } = await run('pdftotext', ['-layout', ...range, file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function pdfPageCount(file: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [file]);
  const match = /^Pages:\s+(\d+)/m.exec(stdout);
  if (!match) throw new Error(`pdfinfo gave no page count for ${file}`);
  return Number(match[1]);
}

/** The pages of a PDF as text, split on pdftotext's form feeds. */
export async function pdfPages(file: string): Promise<string[]> {
  const text = await pdfText(file);
  return text.split('\f').slice(0, -1);
}
