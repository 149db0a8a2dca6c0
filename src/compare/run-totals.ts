import type { ProfileData } from '../model/profile.js';
import type { ZoneRunTotals } from './comparison.js';

/**
 * The wall time a profile covers. Summing total_ns would count nested zones twice, but every
 * zone's total_perc is its share of the capture span, so span = total_ns / total_perc · 100;
 * the largest zone gives the most precise ratio (total_perc is printed with 6 decimals).
 */
export function profileSpanNs(profile: ProfileData): number {
  let largest: ProfileData['records'][number] | undefined;
  for (const zone of profile.records) if (!largest || zone.totalNs > largest.totalNs) largest = zone;
  if (!largest) return 0;
  if (largest.totalPerc > 0) return (largest.totalNs / largest.totalPerc) * 100;
  return largest.totalNs;
}

export function runTotals(profiles: ReadonlyArray<ProfileData>): ZoneRunTotals {
  let zones = 0;
  let calls = 0;
  let spanNs = 0;
  for (const profile of profiles) {
    zones += profile.records.length;
    calls += profile.totalCalls;
    spanNs += profileSpanNs(profile);
  }
  return { profiles: profiles.length, zones, calls, spanNs };
}
