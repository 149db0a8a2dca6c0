/**
 * One function's share of a V8 CPU profile, in the original tool's cProfile record vocabulary
 * (file, line_number, function, call_count, total_time, cumulative_time) so a reader of
 * the original tool's cProfile datasets reads ours. V8 samples, it does not count calls:
 * `samples` is the number of samples whose stack held the function at its top.
 */
export interface FunctionStat {
  functionName: string;
  /** Script path relative to the project root, a `node:` URL, or '' for V8's own entries. */
  file: string;
  /** 1-based line of the function's definition (0 when V8 gives none). */
  line: number;
  /** Samples with this function on top of the stack (the original tool's call_count). */
  samples: number;
  /** Self time in seconds (the original tool's total_time). */
  selfSeconds: number;
  /** Inclusive time in seconds, counted once per sample even under recursion (cumulative_time). */
  totalSeconds: number;
}

/** All functions of one `.cpuprofile` (one test file), largest inclusive time first. */
export interface FunctionProfile {
  name: string;
  sourcePath: string;
  functions: FunctionStat[];
  /** All samples of the profile, idle included: the denominator for sample shares. */
  totalSamples: number;
  /** Wall span of the profile in seconds. */
  durationSeconds: number;
}

export function byInclusiveTimeDescending(a: FunctionStat, b: FunctionStat): number {
  return b.totalSeconds - a.totalSeconds || b.selfSeconds - a.selfSeconds || a.functionName.localeCompare(b.functionName);
}
