/**
 * What a zone of a test run times, derived from the zone statistics alone (so stored runs and
 * CSVs from Tracy are classified the same way, and the HDF5 layout needs no extra field):
 * - `file`: a test file's whole collection or run, `collect <file>` / `run <file>` in that file;
 * - `suite`: a describe block: its name is the start of another zone's name in the same file
 *   (`math` holds `math > adds` and `math > beforeEach`);
 * - `leaf`: everything else: tests, hooks and the user's own zones.
 *
 * Files and suites are containers: their time is their tests' and hooks' time again, so a
 * ranking by total time would put them first and push every test out of view. A user zone
 * named like a path (`parse` beside `parse > tokens` in one file) reads as a container too.
 */
export type ZoneKind = 'file' | 'suite' | 'leaf';

export interface NamedZone {
  name: string;
  srcFile: string;
}

const FILE_ZONE_PREFIXES = ['run ', 'collect '] as const;

/** Whether a zone is the collection or run of its own test file. */
export function isFileZone(zone: NamedZone): boolean {
  return FILE_ZONE_PREFIXES.some((prefix) => zone.name.startsWith(prefix) && zone.name.slice(prefix.length) === zone.srcFile);
}

/** The kind of each zone of one profile, in the order given. */
export function zoneKinds(zones: readonly NamedZone[]): ZoneKind[] {
  // Every proper "a > b" prefix of every name, per file: the names of the blocks that hold something.
  const holders = new Set<string>();
  for (const zone of zones) {
    let at = zone.name.indexOf(' > ');
    while (at !== -1) {
      holders.add(`${zone.srcFile}\0${zone.name.slice(0, at)}`);
      at = zone.name.indexOf(' > ', at + 3);
    }
  }
  return zones.map((zone) => {
    if (isFileZone(zone)) return 'file';
    return holders.has(`${zone.srcFile}\0${zone.name}`) ? 'suite' : 'leaf';
  });
}

/** The zones that are not containers, in the order given. */
export function leafZones<T extends NamedZone>(zones: readonly T[]): T[] {
  const kinds = zoneKinds(zones);
  return zones.filter((_, index) => kinds[index] === 'leaf');
}
