import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { ZoneRunComparison, VerdictCounts, ZoneComparison } from '../../compare/comparison.js';
import type { StoredRun } from '../../model/run.js';
import type { ConditionChange } from '../../compare/run-conditions.js';
import { runLevelMedian } from '../../compare/run-level.js';
import { formatCount, formatDuration, formatPValue, formatPercentLimit, formatTimestamp } from '../format.js';
import { conditionsText, noiseText } from '../verdict-wording.js';
import { capitalised, zoneSummaryNote } from '../report-wording.js';
import { printable, zoneLabel } from '../labels.js';
import { deltaCell, headerRow, numberCell, ROW_RULES_LAYOUT } from './table-cells.js';
import { columnTextWidths, nameCell, sourceCell } from './table-text.js';
import { COLORS, TABLE_STYLE } from './theme.js';

export interface SummaryInput {
  projectName: string;
  current: StoredRun;
  baseline?: StoredRun;
  comparison: ZoneRunComparison;
}

/** `vs <baseline>` only when a baseline exists and shares something with the run (the original tool said "vs" regardless). */
export function titleText(projectName: string, currentVersion: string, baselineVersion: string | undefined, matched: number): string {
  const versus = baselineVersion !== undefined && matched > 0 ? ` vs ${baselineVersion}` : '';
  return printable(`Performance report: ${projectName} ${currentVersion}${versus}`);
}

export function reportTitle(input: SummaryInput): string {
  const { comparison } = input;
  return titleText(input.projectName, comparison.currentVersion, comparison.baselineVersion, comparison.matchedZones);
}

/** When and where the run (and its baseline) ran. */
export function runSubtitle(current: StoredRun, baseline: StoredRun | undefined): string {
  const subtitle = [`Run of ${formatTimestamp(current.meta.timestamp)} on ${printable(current.platformId)}`];
  if (baseline) subtitle.push(`baseline ${printable(baseline.version)} run of ${formatTimestamp(baseline.meta.timestamp)}`);
  return subtitle.join(' · ');
}

export function figure(label: string, value: string, color: string = COLORS.text): Content {
  return {
    stack: [
      { text: value, style: 'figureValue', color },
      { text: label, style: 'figureLabel' },
    ],
  };
}

const CHANGE_COLUMNS = ['Profile', 'Zone', 'Source', 'Baseline', 'Current', 'Δ', 'q', 'Detectable'];

const CHANGE_FONT_SIZE = 8;

function changeTable(zones: ReadonlyArray<ZoneComparison>): Content {
  const widths = [80, '*', 120, 56, 56, 44, 38, 46];
  const [profileWidth = 0, nameWidth = 0, sourceWidth = 0] = columnTextWidths(widths);
  const body: TableCell[][] = [
    headerRow(CHANGE_COLUMNS, new Set([3, 4, 5, 6, 7])),
    ...zones.map((zone): TableCell[] => [
      nameCell(zone.profile, 28, profileWidth, CHANGE_FONT_SIZE),
      nameCell(zone.name, 70, nameWidth, CHANGE_FONT_SIZE),
      sourceCell(zone.srcFile, zone.srcLine, sourceWidth, CHANGE_FONT_SIZE),
      numberCell(formatDuration(runLevelMedian(zone.baseline))),
      numberCell(formatDuration(runLevelMedian(zone.current))),
      deltaCell(zone),
      numberCell(formatPValue(zone.qValue)),
      numberCell(formatPercentLimit(zone.mdePercent ?? Number.NaN)),
    ]),
  ];
  return {
    table: { headerRows: 1, widths, body },
    layout: ROW_RULES_LAYOUT,
    ...TABLE_STYLE,
    fontSize: CHANGE_FONT_SIZE,
  };
}

function changeSection(title: string, zones: ReadonlyArray<ZoneComparison>, none: string): Content[] {
  return [{ text: title, style: 'subheading' }, zones.length > 0 ? changeTable(zones) : { text: none, style: 'note' }];
}

/** The row of verdict counts under the totals; function comparisons judge every matched function, so they have no "not judged". */
export function verdictFigures(counts: VerdictCounts, withUnjudged = true): Content {
  return {
    columns: [
      figure('regressions', formatCount(counts.regression), counts.regression > 0 ? COLORS.regression : COLORS.text),
      figure('improvements', formatCount(counts.improvement), counts.improvement > 0 ? COLORS.improvement : COLORS.text),
      figure('unconfirmed', formatCount(counts.unconfirmed), COLORS.unconfirmed),
      ...(withUnjudged ? [figure('not judged', formatCount(counts.unjudged), COLORS.unjudged)] : []),
      figure('new', formatCount(counts.new), COLORS.new),
      figure('removed', formatCount(counts.removed), COLORS.removed),
    ],
    columnGap: 12,
    margin: [0, 4, 0, 2],
  };
}

/** A note naming the profiles that only the baseline has (none when there are none). */
export function goneProfilesNote(profiles: ReadonlyArray<{ name: string; presence: string }>): Content[] {
  const gone = profiles.filter((profile) => profile.presence === 'baseline-only');
  if (gone.length === 0) return [];
  const names = gone.slice(0, 8).map((profile) => zoneLabel(profile.name, 40));
  const more = gone.length > names.length ? ` and ${gone.length - names.length} more` : '';
  return [{ text: `Profiles only in the baseline: ${names.join(', ')}${more}.`, style: 'note' }];
}

/** The caution when the baseline was measured under other conditions, in the regression colour. */
export function conditionsNote(changes: readonly ConditionChange[] | undefined): Content[] {
  const conditions = conditionsText(changes);
  return conditions ? [{ text: `${capitalised(conditions)}.`, style: 'note', color: COLORS.regression }] : [];
}

/** Page 1: what was measured, what it was compared with, and what changed most. */
export function summaryPage(input: SummaryInput): Content[] {
  const { comparison, current, baseline } = input;
  const { totals, counts } = comparison;
  const compared = comparison.baselineVersion !== undefined;

  const content: Content[] = [
    { text: reportTitle(input), style: 'title' },
    { text: runSubtitle(current, baseline), style: 'subtitle' },
    { text: zoneSummaryNote(comparison), style: 'note' },
    {
      columns: [
        figure('profiles', formatCount(totals.profiles)),
        figure('zones', formatCount(totals.zones)),
        figure('calls', formatCount(totals.calls)),
        figure('total time', formatDuration(totals.spanNs)),
      ],
      columnGap: 12,
      margin: [0, 10, 0, 4],
    },
  ];
  if (compared) {
    content.push(verdictFigures(counts), ...goneProfilesNote(comparison.profiles));
    content.push(...conditionsNote(comparison.conditions));
    if (comparison.noise) {
      content.push({ text: capitalised(noiseText(comparison.noise)), style: 'noise' });
    }
    content.push(
      ...changeSection(`Worst regressions (${Math.min(comparison.topRegressions.length, 10)} of ${formatCount(counts.regression)})`, comparison.topRegressions, 'No confirmed regression.'),
      ...changeSection(`Best improvements (${Math.min(comparison.topImprovements.length, 10)} of ${formatCount(counts.improvement)})`, comparison.topImprovements, 'No confirmed improvement.'),
    );
  }
  return content;
}
