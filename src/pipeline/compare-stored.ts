import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareStoredRuns } from '../compare/compare-stored-runs.js';
import type { RunComparison } from '../compare/comparison.js';
import { inputError } from '../errors.js';
import { ensureDirectory } from '../fs/ensure-directory.js';
import { storageKey } from '../model/keys.js';
import type { StoredRun } from '../model/run.js';
import { formatTextSummary } from '../render/text-summary.js';
import { ProfileStorage } from '../store/profile-storage.js';
import { baselineRun } from './baseline-run.js';
import type { Budgets } from './budgets.js';
import { applyGate, gateOptionsOf, type GateResult } from './gate.js';
import { fileSafeName, pdfFileName, runFileName } from './output-names.js';
import { checkHistoryFile, checkLimits } from './preflight.js';
import { reportFileInside } from '../fs/inside-directory.js';
import { findProject } from './project-info.js';
import { defaultPlatformId } from './run-meta.js';
import { findStoredRun, wholeRunsOf } from './run-reference.js';
import { writeSummaries } from './summaries.js';
import { writeReports } from './write-reports.js';

export interface CompareStoredOptions {
  /** The history. */
  h5Path: string;
  /** Where the PDF goes. */
  outDir: string;
  /** The run to judge: a version as stored, `+<sha>` or `@latest`. */
  current: string;
  /** The run to judge it against, named the same ways; default: its baseline as `generate` would choose it. */
  baseline?: string;
  /** …or the stored run of the nearest ancestor of this git ref's merge-base with HEAD. */
  baselineRef?: string;
  /** Default `<os>-<arch>-node<major>`. */
  platform?: string;
  threshold?: number;
  alpha?: number;
  /** File name of the PDF in outDir (default `<name>.<current>-vs-<baseline>.pdf`). */
  pdfName?: string;
  /** Write the PDF (default true). */
  pdf?: boolean;
  /** Write the HTML report beside it, `<name>.<current>-vs-<baseline>.html` (default true). */
  html?: boolean;
  summaryJson?: string;
  summaryMd?: string;
  failOnRegression?: boolean;
  requireBaseline?: boolean;
  /** Default: perf-report.config.json of the project at `cwd`. */
  budgets?: Budgets;
  /** The project (its git checkout for `+<sha>`, `@latest` and --baseline-ref; its config file). Default: process.cwd(). */
  cwd?: string;
}

export interface CompareStoredResult {
  current: StoredRun;
  baseline?: StoredRun;
  comparison: RunComparison;
  comparisonText: string;
  pdfPath?: string;
  htmlPath?: string;
  failedProfiles: Array<{ profile: string; reason: string }>;
  gate?: GateResult;
}

/**
 * `perf-report compare`: two runs already in the history, compared and reported as `generate`
 * reports a fresh one (summary, PDF and HTML, summaries, gate). Nothing is stored.
 */
export async function compareStored(options: CompareStoredOptions): Promise<CompareStoredResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const projectRoot = findProject(cwd).root;
  const h5Path = resolve(cwd, options.h5Path);
  checkLimits(options);
  if (options.pdfName !== undefined) pdfFileName(options.pdfName, '--pdf-name');
  if (!existsSync(h5Path)) throw inputError(h5Path, 'no such file: no stored runs to compare');
  await checkHistoryFile(h5Path);
  const gateOptions = gateOptionsOf(options, projectRoot);
  const platformId = options.platform ?? defaultPlatformId();
  const storage = new ProfileStorage(h5Path);

  const runs = await wholeRunsOf(storage, platformId);
  const entry = await findStoredRun(storage, runs, options.current, { platformId, cwd });
  const current = await storage.loadRun(entry.meta.version, platformId, entry.meta.backend);
  const found = await baselineRun(storage, current.meta, {
    cwd,
    ...(options.baseline ? { version: options.baseline } : {}),
    ...(options.baselineRef ? { ref: options.baselineRef } : {}),
  });
  const baseline = found.run;

  const comparison = compareStoredRuns(current, baseline, options);
  const name = current.meta.packageName || 'project';
  const outDir = resolve(cwd, options.outDir);
  // Versions are spelled as storage keys, and every name is resolved by reportFileInside, so no
  // stored version or package name can name a file outside outDir, nor the history itself.
  const stem = baseline
    ? `${fileSafeName(name)}.${storageKey(current.version, 'version')}-vs-${storageKey(baseline.version, 'version')}`
    : runFileName(name, current.version, 'pdf').replace(/\.pdf$/, '');
  const pdfName = options.pdfName === undefined ? `${stem}.pdf` : pdfFileName(options.pdfName, '--pdf-name');
  const pdfPath = options.pdf === false ? undefined : reportFileInside(outDir, pdfName, 'the PDF report');
  const htmlPath = options.html === false ? undefined : reportFileInside(outDir, `${stem}.html`, 'the HTML report');
  if (pdfPath || htmlPath) await ensureDirectory(outDir);
  const { failures } = await writeReports({ storage, projectName: name, current, baseline, comparison, pdfPath, htmlPath });
  const gate = applyGate(comparison, gateOptions);
  await writeSummaries(comparison, gate, {
    ...(options.summaryJson ? { summaryJson: resolve(cwd, options.summaryJson) } : {}),
    ...(options.summaryMd ? { summaryMd: resolve(cwd, options.summaryMd) } : {}),
    projectName: name,
    ...(found.note ? { baselineNote: found.note } : {}),
  });
  const comparisonText = [
    formatTextSummary(comparison, { projectName: name }),
    ...(found.note ? [`  (${found.note})`] : []),
    ...(gate ? [`  ${gate.line}`] : []),
  ].join('\n');
  return {
    current,
    ...(baseline ? { baseline } : {}),
    comparison,
    comparisonText,
    ...(pdfPath ? { pdfPath } : {}),
    ...(htmlPath ? { htmlPath } : {}),
    failedProfiles: failures,
    ...(gate ? { gate } : {}),
  };
}

