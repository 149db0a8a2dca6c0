import type { ZoneStat } from '../model/zone-stat.js';

export interface Pair<T> {
  current: T;
  baseline: T;
}

export interface Matching<T> {
  matched: Array<Pair<T>>;
  /** Only in the current run. */
  added: T[];
  /** Only in the baseline run. */
  removed: T[];
}

export type ZonePair = Pair<ZoneStat>;
export type ZoneMatching = Matching<ZoneStat>;

/** How to tell entries apart across versions: an identity without the line, and the line. */
export interface IdentityOf<T> {
  identity: (entry: T) => string;
  line: (entry: T) => number;
}

/**
 * A zone's identity across versions: its file and name, not its line. The original tool keyed on
 * `file:line:name`, so an edit above a function made it "new" and lost its history.
 */
export function zoneIdentity(zone: ZoneStat): string {
  return `${zone.srcFile}\u0000${zone.name}`;
}

function groupByIdentity<T>(zones: ReadonlyArray<T>, identity: (entry: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const zone of zones) {
    const key = identity(zone);
    const group = groups.get(key);
    if (group) group.push(zone);
    else groups.set(key, [zone]);
  }
  return groups;
}

/**
 * Pairs zones of one identity that occur on several lines (generator resumes, two lambdas of
 * the same name): same line first, then the rest in line order, which follows a block of
 * code that moved as a whole.
 */
function pairByLine<T>(current: T[], baseline: T[], line: (entry: T) => number, into: Matching<T>): void {
  const bySrcLine = (a: T, b: T): number => line(a) - line(b);
  const unpairedBaseline = [...baseline];
  const unpairedCurrent: T[] = [];
  for (const zone of current) {
    const sameLine = unpairedBaseline.findIndex((old) => line(old) === line(zone));
    if (sameLine >= 0) {
      into.matched.push({ current: zone, baseline: unpairedBaseline[sameLine]! });
      unpairedBaseline.splice(sameLine, 1);
    } else {
      unpairedCurrent.push(zone);
    }
  }
  unpairedCurrent.sort(bySrcLine);
  unpairedBaseline.sort(bySrcLine);
  const pairs = Math.min(unpairedCurrent.length, unpairedBaseline.length);
  for (let i = 0; i < pairs; i++) {
    into.matched.push({ current: unpairedCurrent[i]!, baseline: unpairedBaseline[i]! });
  }
  into.added.push(...unpairedCurrent.slice(pairs));
  into.removed.push(...unpairedBaseline.slice(pairs));
}

/** Matches the entries of one profile in two runs by identity, the line breaking ties. */
export function matchByIdentity<T>(
  current: ReadonlyArray<T>,
  baseline: ReadonlyArray<T>,
  { identity, line }: IdentityOf<T>,
): Matching<T> {
  const result: Matching<T> = { matched: [], added: [], removed: [] };
  const baselineGroups = groupByIdentity(baseline, identity);
  for (const [key, currentGroup] of groupByIdentity(current, identity)) {
    const baselineGroup = baselineGroups.get(key);
    baselineGroups.delete(key);
    if (!baselineGroup) result.added.push(...currentGroup);
    else if (currentGroup.length === 1 && baselineGroup.length === 1) {
      result.matched.push({ current: currentGroup[0]!, baseline: baselineGroup[0]! });
    } else pairByLine(currentGroup, baselineGroup, line, result);
  }
  for (const group of baselineGroups.values()) result.removed.push(...group);
  return result;
}

/** Matches the zones of one profile in two runs by (src_file, name), the line breaking ties. */
export function matchZones(current: ReadonlyArray<ZoneStat>, baseline: ReadonlyArray<ZoneStat>): ZoneMatching {
  return matchByIdentity(current, baseline, { identity: zoneIdentity, line: (zone) => zone.srcLine });
}
