/**
 * One zone's statistics over a run: one row of tracy-csvexport's default output.
 * Times are nanoseconds; `totalPerc` is the share of the capture's wall span (it can
 * sum past 100 because nested zones are counted in their parents too).
 */
export interface ZoneStat {
  name: string;
  srcFile: string;
  srcLine: number;
  totalNs: number;
  totalPerc: number;
  counts: number;
  meanNs: number;
  minNs: number;
  maxNs: number;
  /** Standard deviation of the per-call times, as tracy-csvexport writes it. */
  stdNs: number;
  /**
   * The zone in each round of the run that it ran in, round order: what a comparison tests.
   * Absent for statistics that only exist pooled (a Tracy export read on its own, a run
   * stored by the original tool).
   */
  rounds?: ZoneRound[];
}

/**
 * One zone in one round: a round is one run of the whole suite in fresh workers, so the
 * rounds of a run are independent samples of how the zone behaves from run to run.
 */
export interface ZoneRound {
  /** 1-based. */
  round: number;
  counts: number;
  totalNs: number;
  /** The exact mean (total / counts), not rounded down as mean_ns is. */
  meanNs: number;
  minNs: number;
  maxNs: number;
  stdNs: number;
  /** Quantiles of the round's per-call durations, in ns. */
  p10Ns: number;
  p25Ns: number;
  medianNs: number;
  p75Ns: number;
  p90Ns: number;
}

/** The original tool's name for a zone row; kept so its users find the same vocabulary. */
export type ProfileRecord = ZoneStat;

/** The column names of tracy-csvexport, in its order; also the HDF5 compound field names. */
export const ZONE_STAT_COLUMNS = [
  'name',
  'src_file',
  'src_line',
  'total_ns',
  'total_perc',
  'counts',
  'mean_ns',
  'min_ns',
  'max_ns',
  'std_ns',
] as const;

export type ZoneStatColumn = (typeof ZONE_STAT_COLUMNS)[number];
