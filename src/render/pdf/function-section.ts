import type { Content } from 'pdfmake/interfaces.js';
import type { FunctionComparison, FunctionProfileComparison } from '../../compare/comparison.js';
import { formatCount, formatVerdictCounts } from '../format.js';
import { printable } from '../labels.js';
import type { ProfileChart } from './profile-charts.js';
import { otherFunctionChangesTable, secondsText, topFunctionTable } from './function-table.js';
import { COLORS, PAGE } from './theme.js';

export const CHART_FUNCTIONS = 10;
export const TABLE_FUNCTIONS = 30;
const MAX_OTHER_CHANGES = 20;

/** The functions a section draws and lists: the current ones, by inclusive time. */
export function presentFunctions(profile: FunctionProfileComparison): FunctionComparison[] {
  return profile.functions.filter((entry) => entry.current !== undefined);
}

export function profileFacts(profile: FunctionProfileComparison, present: number, compared: boolean): string {
  const facts = [
    `${formatCount(present)} functions`,
    `${formatCount(profile.totalSamples)} samples`,
    `${secondsText(profile.durationSeconds)} profiled`,
  ];
  if (profile.presence === 'current-only' && compared) facts.push('new profile: not in the baseline');
  else if (profile.presence === 'both') facts.push(formatVerdictCounts(profile.counts));
  return facts.join(' · ');
}

export interface FunctionSectionInput {
  profile: FunctionProfileComparison;
  chart: ProfileChart;
  compared: boolean;
}

/** One `.cpuprofile`: the chart of its top functions, the table of its top 30, and other changes. */
export function functionProfileSection(input: FunctionSectionInput): Content[] {
  const { profile, chart, compared } = input;
  const present = presentFunctions(profile);
  const withDelta = compared && profile.presence === 'both';
  const content: Content[] = [
    { text: `Profile: ${printable(profile.name)}`, style: 'heading', pageBreak: 'before' },
    { text: profileFacts(profile, present.length, compared), style: 'subtitle' },
  ];
  if (present.length === 0) {
    content.push({ text: 'This profile has no sampled functions in the current run.', style: 'note' });
  } else {
    content.push({
      text: `Top ${Math.min(CHART_FUNCTIONS, present.length)} functions by inclusive time: inclusive and self time${withDelta ? ', baseline inclusive beside' : ''}`,
      style: 'subheading',
    });
    if (chart && 'svg' in chart) content.push({ svg: chart.svg, width: PAGE.contentWidth, margin: [0, 0, 0, 6] });
    else if (chart) content.push({ text: `The chart could not be drawn: ${printable(chart.error)}`, style: 'note', color: COLORS.regression });
    content.push(
      { text: `Top ${Math.min(TABLE_FUNCTIONS, present.length)} of ${formatCount(present.length)} functions by inclusive time`, style: 'subheading' },
      topFunctionTable(present.slice(0, TABLE_FUNCTIONS), profile.durationSeconds, withDelta),
    );
  }
  if (withDelta) {
    const others = profile.functions
      .filter((entry, index) => index >= TABLE_FUNCTIONS || entry.current === undefined)
      .filter((entry) => entry.verdict === 'regression' || entry.verdict === 'improvement' || entry.verdict === 'new' || entry.verdict === 'removed');
    if (others.length > 0) {
      content.push(
        { text: `Changes outside the top ${TABLE_FUNCTIONS} (${formatCount(others.length)})`, style: 'subheading' },
        otherFunctionChangesTable(others.slice(0, MAX_OTHER_CHANGES)),
      );
      if (others.length > MAX_OTHER_CHANGES) {
        content.push({ text: `… and ${formatCount(others.length - MAX_OTHER_CHANGES)} more changed functions.`, style: 'note' });
      }
    }
  }
  return content;
}
