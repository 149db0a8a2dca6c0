import { printable, shortenStart, zoneLabel } from './labels.js';

export interface NamedEntry {
  name: string;
  srcFile: string;
  srcLine: number;
}

/** Where an entry is, as short as tells it apart: the file, or `file:line` when the file is shared too. */
function whereOf(entry: NamedEntry, fileIsShared: boolean): string {
  const file = entry.srcFile === '' || entry.srcFile === 'N/A' ? 'built-in' : entry.srcFile.replace(/\\/g, '/');
  return fileIsShared && entry.srcLine > 0 ? `${file}:${entry.srcLine}` : file;
}

/**
 * Labels for entries shown together (a chart's bars): the name, and where a name is shared
 * (two "optional param maxWaitMs" from two test files) also the file, so that no two bars
 * read the same. The page's charts follow the same rule (`page/app.ts`, `pageChartLabels`).
 */
export function distinctLabels(entries: ReadonlyArray<NamedEntry>, maxLength: number): string[] {
  const names = new Map<string, number>();
  const places = new Map<string, number>();
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const entry of entries) {
    count(names, entry.name);
    count(places, `${entry.name}\u0000${entry.srcFile}`);
  }
  return entries.map((entry) => {
    if ((names.get(entry.name) ?? 0) < 2) return zoneLabel(entry.name, maxLength);
    const where = printable(shortenStart(whereOf(entry, (places.get(`${entry.name}\u0000${entry.srcFile}`) ?? 0) > 1), 28));
    return `${zoneLabel(entry.name, Math.max(12, maxLength - Array.from(where).length - 3))} · ${where}`;
  });
}
