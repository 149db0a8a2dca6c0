import type { PerfBackend } from './backend-choice.js';
import type { Budgets } from '../pipeline/budgets.js';
import type { TracyConnection } from './tracy-recording.js';

/** PerfOptions after defaults, the environment and validation: what every later layer receives. */
export interface ResolvedPerfOptions {
  /** The tested project's root: paths in the CSV are relative to it. */
  root: string;
  /** Absolute. */
  outDir: string;
  name: string;
  version: string;
  backend: PerfBackend;
  repeat: number;
  /** Runs of the whole suite in fresh workers (1: just this one). */
  rounds: number;
  strict: boolean;
  h5: boolean;
  pdfName?: string;
  /** Write the HTML report beside the PDF. */
  html: boolean;
  /** Absolute path of the machine-readable verdict, when one is asked for. */
  summaryJson?: string;
  /** Absolute path of the Markdown summary, when one is asked for. */
  summaryMd?: string;
  /** The regression gate: exit 3 on a confirmed regression over budget (unless the tests failed). */
  failOnRegression?: boolean;
  /** …and exit 2 when it checked nothing. */
  requireBaseline?: boolean;
  /** Budgets from the options (already checked); without them the project's perf-report.config.json. */
  budgets?: Budgets;
  /** The baseline by git: the stored run nearest behind this ref's merge-base with HEAD. */
  baselineRef?: string;
  /** `<index>/<count>` when this run is one shard of the suite. */
  shard?: string;
  /** The runner's coverage provider, or `off` (see RunMeta.coverage). */
  coverage?: string;
  samplingIntervalUs: number;
  tracy: TracyConnection & { capture?: string; csvexport?: string };
}
