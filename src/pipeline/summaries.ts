import { appendFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RunComparison } from '../compare/comparison.js';
import { messageOf, workError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { ensureDirectory } from '../fs/ensure-directory.js';
import { summaryJson, type GateSummary } from '../render/summary-json.js';
import { formatMarkdownSummary } from '../render/summary-md.js';

/** GitHub Actions' file for a job's step summary; each step appends its own Markdown. */
export const STEP_SUMMARY_ENV = 'GITHUB_STEP_SUMMARY';

export interface SummaryFiles {
  /** The machine-readable verdict (absolute path). */
  summaryJson?: string;
  /** The Markdown summary (absolute path); also appended to $GITHUB_STEP_SUMMARY when that is set. */
  summaryMd?: string;
  projectName?: string;
  baselineNote?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Writes the summaries a comparison was asked for, the gate's decision included. They are
 * written before the caller acts on the gate, so a failing gate still leaves them for the CI
 * page. The step summary is appended to, never replaced: earlier steps wrote theirs there.
 */
export async function writeSummaries(comparison: RunComparison, gate: GateSummary | undefined, files: SummaryFiles): Promise<void> {
  if (files.summaryJson) await writeText(files.summaryJson, `${JSON.stringify(summaryJson(comparison, gate), null, 2)}\n`);
  if (!files.summaryMd) return;
  const markdown = formatMarkdownSummary(comparison, {
    ...(files.projectName ? { projectName: files.projectName } : {}),
    ...(gate ? { gate } : {}),
    ...(files.baselineNote ? { baselineNote: files.baselineNote } : {}),
  });
  await writeText(files.summaryMd, markdown);
  const stepSummary = (files.env ?? process.env)[STEP_SUMMARY_ENV];
  if (stepSummary) {
    try {
      await appendFile(stepSummary, `${markdown}\n`);
    } catch (error) {
      throw workError(stepSummary, `cannot append the step summary (${STEP_SUMMARY_ENV}): ${messageOf(error)}`, error);
    }
  }
}

async function writeText(path: string, text: string): Promise<void> {
  try {
    await ensureDirectory(dirname(path));
    await writeFileAtomic(path, text);
  } catch (error) {
    throw workError(path, `cannot write the summary: ${messageOf(error)}`, error);
  }
}
