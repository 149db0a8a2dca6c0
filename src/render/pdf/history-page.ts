import type { Content } from 'pdfmake/interfaces.js';
import type { FunctionComparison, RunComparison, ZoneComparison } from '../../compare/comparison.js';
import { historyPoints, type RunHistory } from '../../compare/history.js';
import { historyChartOption, HISTORY_COLORS } from '../chart/history-chart.js';
import { renderEchartsSvg } from '../chart/echarts-loader.js';
import { formatCount, formatDeltaPercent } from '../format.js';
import { printable, sourceLocation, zoneLabel } from '../labels.js';
import { COLORS, PAGE } from './theme.js';

/**
 * The PDF's view of the history: one page of small charts, one per confirmed change (worst
 * regressions, then best improvements), rather than a trend column in every table. The
 * question a history answers on paper is "is this change a step or a drift, and is it
 * inside the usual noise?", and it is asked of the changes the report confirms; a
 * sparkline per row would be a few pixels high, unreadable with its spread, and would add
 * hundreds of drawings to a large report. The HTML page has the history of every zone.
 */
export const HISTORY_CHANGES = 12;

/** A trend needs more than the two runs compared. */
export const MIN_RUNS = 3;

const CHART_HEIGHT = 120;

interface Change {
  profile: string;
  name: string;
  file: string;
  line: number;
  deltaPercent?: number;
  verdict: string;
  entry: ZoneComparison | FunctionComparison;
}

function changesOf(comparison: RunComparison): Change[] {
  if (comparison.kind === 'zones') {
    return [...comparison.topRegressions, ...comparison.topImprovements].map((zone) => ({
      profile: zone.profile, name: zone.name, file: zone.srcFile, line: zone.srcLine, ...(zone.deltaPercent === undefined ? {} : { deltaPercent: zone.deltaPercent }), verdict: zone.verdict, entry: zone,
    }));
  }
  return [...comparison.topRegressions, ...comparison.topImprovements].map((entry) => ({
    profile: entry.profile, name: entry.functionName, file: entry.file, line: entry.line, ...(entry.deltaPercent === undefined ? {} : { deltaPercent: entry.deltaPercent }), verdict: entry.verdict, entry,
  }));
}

/** [profile index, entry index] of an entry of the comparison. */
function locate(comparison: RunComparison, entry: ZoneComparison | FunctionComparison): [number, number] | undefined {
  for (const [p, profile] of comparison.profiles.entries()) {
    const entries: ReadonlyArray<ZoneComparison | FunctionComparison> = 'zones' in profile ? profile.zones : profile.functions;
    const index = entries.indexOf(entry);
    if (index >= 0) return [p, index];
  }
  return undefined;
}

/** The history page, or nothing when there is no confirmed change or too short a history. */
export function historyPage(comparison: RunComparison, history: RunHistory | undefined): Content[] {
  if (!history || history.runs.length < MIN_RUNS) return [];
  const changes = changesOf(comparison).slice(0, HISTORY_CHANGES);
  if (changes.length === 0) return [];
  const width = (PAGE.contentWidth - 16) / 2;
  const cells: Content[] = changes.map((change) => {
    const at = locate(comparison, change.entry);
    const points = at ? historyPoints(history, at[0], at[1]) : [];
    const present = points.filter(Boolean).length;
    const svg = renderEchartsSvg(
      historyChartOption({ runs: history.runs, points, currentIndex: history.currentIndex, ...(history.baselineIndex === undefined ? {} : { baselineIndex: history.baselineIndex }) }),
      { width, height: CHART_HEIGHT },
    );
    const color = change.verdict === 'regression' ? COLORS.regression : COLORS.improvement;
    return {
      stack: [
        { text: [{ text: `${formatDeltaPercent(change.deltaPercent)}  `, color, bold: true }, { text: zoneLabel(change.name, 70) }], fontSize: 8.5 },
        { text: `${printable(change.profile)} · ${sourceLocation(change.file, change.line, 60)} · in ${formatCount(present)} of ${formatCount(history.runs.length)} runs`, fontSize: 7, color: COLORS.muted },
        { svg, width, margin: [0, 2, 0, 8] },
      ],
      unbreakable: true,
    };
  });
  const rows: Content[] = [];
  for (let i = 0; i < cells.length; i += 2) rows.push({ columns: [cells[i] as Content, cells[i + 1] ?? { text: '' }], columnGap: 16 });
  const spread = comparison.kind === 'zones' ? ', whiskers from p10 to p90 of the round medians (min–max of the calls without rounds)' : '';
  const omitted = history.omittedRuns > 0 ? ` ${formatCount(history.omittedRuns)} older or newer stored runs are not shown.` : '';
  return [
    { text: 'History of the confirmed changes', style: 'heading', pageBreak: 'before' },
    {
      text: [
        `Each change over the last ${formatCount(history.runs.length)} stored runs of this platform, in version order: ` +
          `${comparison.kind === 'zones' ? 'the run-level median per call' : 'inclusive time'}${spread}; `,
        { text: 'red diamond: current', color: HISTORY_COLORS.current },
        ', ',
        { text: 'grey square: baseline', color: HISTORY_COLORS.baseline },
        `.${omitted}`,
      ],
      style: 'note',
      margin: [0, 0, 0, 8],
    },
    ...rows,
  ];
}
