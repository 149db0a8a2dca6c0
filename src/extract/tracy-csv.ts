import { parse } from 'csv-parse/sync';
import { inputError, messageOf } from '../errors.js';
import { plainCsvRows } from './plain-csv.js';
import type { ZoneStat } from '../model/zone-stat.js';
import { ZONE_STAT_COLUMNS, type ZoneStatColumn } from '../model/zone-stat.js';

/** Columns tracy-csvexport's `-u` (one row per zone event) writes instead of statistics. */
const UNWRAP_ONLY_COLUMNS = ['ns_since_start', 'exec_time_ns'];

/** tracy-csvexport's `-s` takes any one character; these are the ones worth trying. */
const CANDIDATE_SEPARATORS = [',', ';', '\t', '|'];

/**
 * Parses zone statistics as tracy-csvexport writes them (default, `-e`, `--truncated_mean`,
 * `-s <sep>`). Columns are found by header name; extra columns are ignored.
 *
 * tracy-csvexport joins fields without quoting, so a zone name holding the separator
 * yields a row with too many fields. Such a row is repaired by joining the surplus fields
 * back into `name` when what is left parses (fixtures/tracy-csvexport/MANIFEST.md).
 */
export function parseTracyCsv(bytes: Uint8Array, file: string): ZoneStat[] {
  const text = decodeUtf8(bytes, file);
  const headerLine = firstLine(text);
  if (headerLine.trim() === '') {
    throw inputError(file, `empty file: expected a header line "${ZONE_STAT_COLUMNS.join(',')}"`);
  }
  const separator = detectSeparator(headerLine, file);
  const rows = parseRows(text, separator, file);
  const header = (rows[0] ?? []).map((cell) => cell.trim());
  const columnIndex = indexColumns(header, file);
  const zones: ZoneStat[] = [];
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (row.length === 1 && (row[0] ?? '').trim() === '') continue;
    zones.push(readZone(row, header.length, columnIndex, separator, file, i + 1));
  }
  return zones;
}

function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8Offset(bytes);
    throw inputError(file, `not valid UTF-8 (first bad byte at offset ${at}); tracy-csvexport writes UTF-8`);
  }
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  // Binary search for the shortest failing prefix; cheap and exact enough for a message.
  while (low < high) {
    const mid = (low + high) >>> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1), { stream: true });
      decoder.decode();
      low = mid + 1;
    } catch {
      high = mid;
    }
  }
  return low;
}

function firstLine(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = withoutBom.search(/\r?\n/);
  return end === -1 ? withoutBom : withoutBom.slice(0, end);
}

function detectSeparator(headerLine: string, file: string): string {
  for (const separator of CANDIDATE_SEPARATORS) {
    const cells = headerLine.split(separator).map((cell) => cell.trim().replace(/^"|"$/g, ''));
    if (cells.includes('name') && cells.includes('src_file')) return separator;
  }
  throw inputError(
    file,
    `first line is not a tracy-csvexport header (expected columns ${ZONE_STAT_COLUMNS.join(', ')}; got "${truncate(headerLine, 120)}")`,
  );
}

/**
 * Two spellings reach us. tracy-csvexport never quotes: a `"` in a zone name is data, and a
 * name starting with one would make an RFC 4180 reader look for a closing quote (and fail
 * the whole file with "Quote Not Closed"). Our embedded collector quotes a field only when it
 * holds a comma, a quote or a line break (zone-csv.ts). So the strict RFC 4180 reading is
 * taken when it parses and every quoted field is one our writer would have quoted; otherwise
 * the file is read raw, as csvexport wrote it, and names with separators are rejoined by
 * readZone. (A raw name that is itself a well-formed quoted field, such as `"a,b"`, reads as
 * `a,b`: the one spelling the two writers share.)
 */
function parseRows(text: string, separator: string, file: string): string[][] {
  // Without a quote in the file both readings are the same plain split (the strict one
  // inspects every field: 0.1 s for a run of 1,000 zones).
  if (!text.includes('"')) return plainCsvRows(text, separator) ?? rawRows(text, separator, file);
  return quotedRows(text, separator) ?? rawRows(text, separator, file);
}

function quotedRows(text: string, separator: string): string[][] | undefined {
  let rows: string[][];
  try {
    rows = parse(text, { ...COMMON_OPTIONS, delimiter: separator }) as string[][];
  } catch {
    return undefined;
  }
  // Strict parsing leaves no quote in an unquoted field and leaves every field that needs
  // quotes quoted, so the text holds exactly our writer's quotes unless some field was quoted
  // without needing it. Counting them replaces a cast callback on every field (csv-parse then
  // builds a context object per field: the CSV of a run of 550 quoted zones read in 45 ms, now 23).
  let written = 0;
  for (const row of rows) {
    for (const field of row) if (needsQuotes(field, separator)) written += 2 + 2 * quotesIn(field);
  }
  return written === quotesIn(text) ? rows : undefined;
}

function needsQuotes(value: string, separator: string): boolean {
  return value.includes(separator) || /["\r\n]/.test(value);
}

function quotesIn(text: string): number {
  let count = 0;
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) count++;
  return count;
}

function rawRows(text: string, separator: string, file: string): string[][] {
  try {
    return parse(text, { ...COMMON_OPTIONS, delimiter: separator, quote: false }) as string[][];
  } catch (error) {
    throw inputError(file, `cannot be read as CSV: ${messageOf(error)}`, error);
  }
}

const COMMON_OPTIONS = { bom: true, relax_column_count: true, skip_empty_lines: true } as const;

function indexColumns(header: string[], file: string): Map<ZoneStatColumn, number> {
  const index = new Map<ZoneStatColumn, number>();
  for (const column of ZONE_STAT_COLUMNS) {
    const at = header.indexOf(column);
    if (at !== -1) index.set(column, at);
  }
  const missing = ZONE_STAT_COLUMNS.filter((column) => !index.has(column));
  if (missing.length > 0) {
    const hint = UNWRAP_ONLY_COLUMNS.every((c) => header.includes(c))
      ? ' (this is tracy-csvexport -u output, one row per event; export the statistics without -u)'
      : '';
    throw inputError(file, `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}${hint}`);
  }
  return index;
}

function readZone(
  rawRow: string[],
  headerWidth: number,
  columnIndex: Map<ZoneStatColumn, number>,
  separator: string,
  file: string,
  lineNumber: number,
): ZoneStat {
  const row = rawRow.length > headerWidth ? rejoinSurplusIntoName(rawRow, headerWidth, columnIndex, separator) : rawRow;
  if (row.length < headerWidth) {
    throw inputError(
      file,
      `row ${lineNumber} has ${row.length} fields, the header has ${headerWidth} (a line break inside an unquoted zone name?)`,
    );
  }
  const cell = (column: ZoneStatColumn): string => row[columnIndex.get(column) ?? -1] ?? '';
  const where = (column: ZoneStatColumn): string => `row ${lineNumber}, column ${column}`;
  try {
    return {
      name: cell('name'),
      srcFile: cell('src_file'),
      srcLine: wholeNumber(cell('src_line'), where('src_line')),
      totalNs: wholeNumber(cell('total_ns'), where('total_ns')),
      totalPerc: decimalNumber(cell('total_perc'), where('total_perc')),
      counts: wholeNumber(cell('counts'), where('counts')),
      meanNs: wholeNumber(cell('mean_ns'), where('mean_ns')),
      minNs: wholeNumber(cell('min_ns'), where('min_ns')),
      maxNs: wholeNumber(cell('max_ns'), where('max_ns')),
      stdNs: decimalNumber(cell('std_ns'), where('std_ns')),
    };
  } catch (error) {
    if (rawRow.length > headerWidth) {
      throw inputError(
        file,
        `row ${lineNumber} has ${rawRow.length} fields, the header has ${headerWidth}, and joining the surplus into the name does not leave numbers where they belong: ${messageOf(error)}`,
      );
    }
    throw inputError(file, messageOf(error));
  }
}

/** The surplus fields came from separators inside the name: put them back. */
function rejoinSurplusIntoName(
  row: string[],
  headerWidth: number,
  columnIndex: Map<ZoneStatColumn, number>,
  separator: string,
): string[] {
  const nameAt = columnIndex.get('name') ?? 0;
  const surplus = row.length - headerWidth;
  const name = row.slice(nameAt, nameAt + surplus + 1).join(separator);
  return [...row.slice(0, nameAt), name, ...row.slice(nameAt + surplus + 1)];
}

function wholeNumber(text: string, where: string): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) {
    const reason = /^-\d+$/.test(trimmed) ? 'a negative value' : `"${truncate(trimmed, 40)}", not a whole number`;
    throw new Error(`${where}: ${reason}`);
  }
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value)) throw new Error(`${where}: ${trimmed} is too large to hold exactly`);
  return value;
}

function decimalNumber(text: string, where: string): number {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(value)) throw new Error(`${where}: "${truncate(trimmed, 40)}", not a number`);
  if (value < 0) throw new Error(`${where}: a negative value`);
  return value;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length)}…`;
}
