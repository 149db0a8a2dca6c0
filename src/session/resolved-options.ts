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
  strict: boolean;
  h5: boolean;
  pdfName?: string;
  samplingIntervalUs: number;
  tracy: TracyConnection & { capture?: string; csvexport?: string };
}
