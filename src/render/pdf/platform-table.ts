import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { RunMeta, StoredRun } from '../../model/run.js';
import { formatTimestamp } from '../format.js';
import { printable, shortenMiddle } from '../labels.js';
import { headerRow, ROW_RULES_LAYOUT } from './table-cells.js';
import { TABLE_STYLE } from './theme.js';

const MISSING = '—';

type MetaRow = [label: string, read: (meta: RunMeta) => string | number | undefined];

const ROWS: ReadonlyArray<MetaRow> = [
  ['System', (meta) => meta.system],
  ['OS release', (meta) => meta.release],
  ['Architecture', (meta) => meta.arch],
  ['CPU', (meta) => meta.processor],
  ['Host', (meta) => meta.host],
  ['Machine id', (meta) => meta.machineId],
  ['Platform id', (meta) => meta.platformId],
  ['Node version', (meta) => meta.nodeVersion],
  ['Package', (meta) => meta.packageName],
  ['Package version', (meta) => meta.version],
  ['Backend', (meta) => meta.backend],
  ['Coverage', (meta) => meta.coverage],
  ['Git commit', (meta) => meta.gitCommit],
  ['Timestamp', (meta) => (meta.timestamp ? formatTimestamp(meta.timestamp) : undefined)],
];

function cellText(value: string | number | undefined): string {
  if (value === undefined || value === '') return MISSING;
  return printable(shortenMiddle(String(value), 120));
}

/**
 * The platform table as text: a header and one row per attribute (label, current, baseline).
 * Seed-only attributes kept in `meta.extra` (python_version, …) follow the known rows. The PDF
 * and the HTML page both show it.
 */
export function platformRows(current: StoredRun, baseline: StoredRun | undefined): { header: string[]; rows: string[][] } {
  const metas = [current.meta, baseline?.meta];
  const read = (meta: RunMeta | undefined, reader: MetaRow[1]) => {
    if (!meta) return MISSING;
    try {
      return cellText(reader(meta));
    } catch {
      return MISSING; // a partial meta from an old file must not cost the report
    }
  };
  const rows = ROWS.map(([label, reader]) => [label, ...metas.map((meta) => read(meta, reader))]);
  const extraKeys = [...new Set(metas.flatMap((meta) => Object.keys(meta?.extra ?? {})))].sort();
  for (const key of extraKeys) rows.push([printable(key), ...metas.map((meta) => read(meta, (m) => m.extra?.[key]))]);
  return {
    header: ['', `Current (${printable(current.version)})`, baseline ? `Baseline (${printable(baseline.version)})` : 'Baseline (none)'],
    rows,
  };
}

/**
 * Current and baseline machines side by side (the original tool showed only the machine that built the
 * report).
 */
export function platformTable(current: StoredRun, baseline: StoredRun | undefined): Content {
  const { header, rows } = platformRows(current, baseline);
  const body: TableCell[][] = [
    headerRow(header),
    ...rows.map(([label, ...values]): TableCell[] => [{ text: label ?? '', bold: true }, ...values]),
  ];
  return {
    table: { headerRows: 1, widths: [110, '*', '*'], body },
    layout: ROW_RULES_LAYOUT,
    ...TABLE_STYLE,
    fontSize: 8.5,
  };
}
