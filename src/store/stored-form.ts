import type { FunctionStat } from '../model/function-stat.js';
import type { StoredRun } from '../model/run.js';
import type { ZoneStat } from '../model/zone-stat.js';
import { storedText } from './compound-rows.js';

/**
 * `run` with its zone and function texts as the history will read them back (see storedText).
 * A run is compared and reported in this form, so that the next run, compared with it as
 * stored, finds the same zones: a title with a NUL in it matched no zone of its baseline
 * and was counted once as new and once as removed. Nearly every run has no such text and
 * is returned as it is.
 */
export function storedForm(run: StoredRun): StoredRun {
  if (run.kind === 'zones') {
    const profiles = mapChanged(run.profiles, (profile) => {
      const records = mapChanged(profile.records, storedZone);
      return records === profile.records ? profile : { ...profile, records };
    });
    return profiles === run.profiles ? run : { ...run, profiles };
  }
  const profiles = mapChanged(run.profiles, (profile) => {
    const functions = mapChanged(profile.functions, storedFunction);
    return functions === profile.functions ? profile : { ...profile, functions };
  });
  return profiles === run.profiles ? run : { ...run, profiles };
}

function storedZone(zone: ZoneStat): ZoneStat {
  const name = storedText(zone.name);
  const srcFile = storedText(zone.srcFile);
  return name === zone.name && srcFile === zone.srcFile ? zone : { ...zone, name, srcFile };
}

function storedFunction(stat: FunctionStat): FunctionStat {
  const functionName = storedText(stat.functionName);
  const file = storedText(stat.file);
  return functionName === stat.functionName && file === stat.file ? stat : { ...stat, functionName, file };
}

/** `items` mapped, or `items` itself when no item changed. */
function mapChanged<T>(items: T[], map: (item: T) => T): T[] {
  let mapped: T[] | undefined;
  items.forEach((item, index) => {
    const next = map(item);
    if (next !== item) (mapped ??= items.slice())[index] = next;
  });
  return mapped ?? items;
}
