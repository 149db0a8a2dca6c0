import type { ZoneStat } from './zone-stat.js';

/** All zones of one profile (one CSV, one capture), sorted by total time, largest first. */
export interface ProfileData {
  /** Stable across versions: the file stem without the run's version (`app.1.2.0.csv` → `app`). */
  name: string;
  /** Where the statistics came from (CSV or capture path) as given; stored as `csv_path`. */
  sourcePath: string;
  records: ZoneStat[];
  /** Sum of `counts` over all zones (nested zones included, as the original tool counted). */
  totalCalls: number;
}

export function byTotalTimeDescending(a: ZoneStat, b: ZoneStat): number {
  return b.totalNs - a.totalNs || a.name.localeCompare(b.name);
}

export function makeProfile(name: string, sourcePath: string, records: ZoneStat[]): ProfileData {
  const sorted = [...records].sort(byTotalTimeDescending);
  const totalCalls = sorted.reduce((sum, zone) => sum + zone.counts, 0);
  return { name, sourcePath, records: sorted, totalCalls };
}
