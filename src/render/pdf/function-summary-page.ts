import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { FunctionComparison, FunctionRunComparison } from '../../compare/comparison.js';
import type { StoredRun } from '../../model/run.js';
import { formatCount, formatPValue } from '../format.js';
import { functionSummaryNote } from '../report-wording.js';
import { secondsText } from './function-table.js';
import { conditionsNote, figure, goneProfilesNote, runSubtitle, titleText, verdictFigures } from './summary-page.js';
import { deltaCell, headerRow, numberCell, ROW_RULES_LAYOUT } from './table-cells.js';
import { columnTextWidths, nameCell, sourceCell } from './table-text.js';
import { TABLE_STYLE } from './theme.js';

export interface FunctionSummaryInput {
  projectName: string;
  current: StoredRun;
  baseline?: StoredRun;
  comparison: FunctionRunComparison;
}

export function functionReportTitle(input: FunctionSummaryInput): string {
  const { comparison } = input;
  return titleText(input.projectName, comparison.currentVersion, comparison.baselineVersion, comparison.matchedFunctions);
}

const CHANGE_COLUMNS = ['Profile', 'Function', 'Source', 'Baseline incl.', 'Current incl.', 'Δ inclusive', 'p'];

const CHANGE_FONT_SIZE = 8;

function changeTable(functions: ReadonlyArray<FunctionComparison>): Content {
  const widths = [90, '*', 150, 58, 58, 52, 42];
  const [profileWidth = 0, nameWidth = 0, sourceWidth = 0] = columnTextWidths(widths);
  const body: TableCell[][] = [
    headerRow(CHANGE_COLUMNS, new Set([3, 4, 5, 6])),
    ...functions.map((entry): TableCell[] => [
      nameCell(entry.profile, 28, profileWidth, CHANGE_FONT_SIZE),
      nameCell(entry.functionName, 60, nameWidth, CHANGE_FONT_SIZE),
      sourceCell(entry.file, entry.line, sourceWidth, CHANGE_FONT_SIZE),
      numberCell(secondsText(entry.baseline?.totalSeconds)),
      numberCell(secondsText(entry.current?.totalSeconds)),
      deltaCell(entry),
      numberCell(formatPValue(entry.pValue)),
    ]),
  ];
  return {
    table: { headerRows: 1, widths, body },
    layout: ROW_RULES_LAYOUT,
    ...TABLE_STYLE,
    fontSize: CHANGE_FONT_SIZE,
  };
}

function changeSection(title: string, functions: ReadonlyArray<FunctionComparison>, none: string): Content[] {
  return [{ text: title, style: 'subheading' }, functions.length > 0 ? changeTable(functions) : { text: none, style: 'note' }];
}

/** Page 1 of a cpuprofile report: what was sampled, the test used, and the functions that changed most. */
export function functionSummaryPage(input: FunctionSummaryInput): Content[] {
  const { comparison, current, baseline } = input;
  const { totals, counts } = comparison;
  const compared = comparison.baselineVersion !== undefined;
  const content: Content[] = [
    { text: functionReportTitle(input), style: 'title' },
    { text: runSubtitle(current, baseline), style: 'subtitle' },
    { text: functionSummaryNote(comparison), style: 'note' },
    {
      columns: [
        figure('profiles', formatCount(totals.profiles)),
        figure('functions', formatCount(totals.functions)),
        figure('samples', formatCount(totals.samples)),
        figure('profiled time', secondsText(totals.seconds)),
      ],
      columnGap: 12,
      margin: [0, 10, 0, 4],
    },
  ];
  if (compared) {
    content.push(
      verdictFigures(counts, false),
      ...goneProfilesNote(comparison.profiles),
      ...conditionsNote(comparison.conditions),
      ...changeSection(
        `Worst regressions (${Math.min(comparison.topRegressions.length, 10)} of ${formatCount(counts.regression)})`,
        comparison.topRegressions,
        'No confirmed regression.',
      ),
      ...changeSection(
        `Best improvements (${Math.min(comparison.topImprovements.length, 10)} of ${formatCount(counts.improvement)})`,
        comparison.topImprovements,
        'No confirmed improvement.',
      ),
    );
  }
  return content;
}
