import type { PerfBackend } from './backend-choice.js';
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
  /** Absolute path of the machine-readable verdict, when one is asked for. */
  summaryJson?: string;
  samplingIntervalUs: number;
  tracy: TracyConnection & { capture?: string; csvexport?: string };
}
