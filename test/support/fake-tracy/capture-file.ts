/**
 * What the fake tracy-capture writes to its `-o` file and the fake tracy-csvexport reads: the
 * zones it decoded, per site, with every duration, plus thread names, messages and plots, so a
 * test can check what the live stream carried. JSON, marked so that the fake csvexport refuses
 * anything else (as the real one refuses a file that is not a Tracy capture).
 */

export const FAKE_CAPTURE_FORMAT = 'perf-report fake tracy capture 1';

export interface FakeCaptureSite {
  name: string;
  function: string;
  file: string;
  line: number;
  /** Zone durations in ns, in the order the zones ended. */
  durations: number[];
}

export interface FakeCaptureFile {
  format: typeof FAKE_CAPTURE_FORMAT;
  programName: string;
  /** First zone begin to last zone end, in ns: what tracy-csvexport's total_perc divides by. */
  spanNs: number;
  threads: Array<{ id: number; name: string | undefined; zones: number }>;
  sites: FakeCaptureSite[];
  messages: Array<{ thread: number; text: string }>;
  plots: Array<{ name: string | undefined; values: number[] }>;
  /** How the session ended: 'finished' after Terminate, 'interrupted' on SIGINT. */
  ending: 'finished' | 'interrupted';
  errors: string[];
}
