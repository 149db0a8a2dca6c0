import type { FunctionComparison, FunctionRunComparison, RunComparison, ZoneComparison, ZoneRunComparison } from '../compare/comparison.js';
import { runLevelMedian } from '../compare/run-level.js';
import { formatCount, formatDeltaPercent, formatDuration, formatPValue, formatPercentLimit, formatVerdictCounts } from './format.js';
import { printable, sourceLocation, zoneLabel } from './labels.js';
import type { GateSummary } from './summary-json.js';
import { capitalised } from './report-wording.js';
import { conditionsText, noiseText, ruleText } from './verdict-wording.js';

export interface MarkdownSummaryOptions {
  /** Shown before the version, e.g. the package name. */
  projectName?: string;
  /** The regression gate's decision, when one was asked for. */
  gate?: GateSummary;
  /** Rows per table of changes (default 10). */
  maxRows?: number;
  /** Said instead of "no baseline" when the baseline was looked for and why it was not found is known. */
  baselineNote?: string;
}

/**
 * The comparison as Markdown for a CI page (`--summary-md`, GitHub's step summary): the gate's
 * line, the verdict counts, how zones were judged and how much the run could see, and the worst
 * regressions and best improvements as tables. The same data as the JSON summary and the same
 * sentences as the terminal and the PDF. No links: a CI page is read where it is.
 */
export function formatMarkdownSummary(comparison: RunComparison, options: MarkdownSummaryOptions = {}): string {
  const project = options.projectName ? `${options.projectName} ` : '';
  const matched = comparison.kind === 'functions' ? comparison.matchedFunctions : comparison.matchedZones;
  const compared = comparison.baselineVersion !== undefined && matched > 0;
  const title = `${project}${comparison.currentVersion}${compared ? ` vs ${comparison.baselineVersion}` : ''}`;
  const lines = [`### perf-report: ${text(title)}`, ''];
  if (options.gate) lines.push(gateLine(options.gate), '');
  if (comparison.baselineVersion === undefined) {
    lines.push(`No baseline: nothing compared${options.baselineNote ? ` (${text(options.baselineNote)})` : ''}.`, '');
    return `${lines.join('\n')}\n`;
  }
  if (!compared) lines.push(`Baseline ${text(comparison.baselineVersion)} shares no ${comparison.kind === 'functions' ? 'function' : 'zone'} with this run.`, '');
  lines.push(`**${formatVerdictCounts(comparison.counts)}**`, '');
  const conditions = conditionsText(comparison.conditions);
  if (conditions) lines.push(`⚠️ ${capitalised(text(conditions))}.`, '');
  return `${[...lines, ...(comparison.kind === 'functions' ? functionBody(comparison, options) : zoneBody(comparison, options))].join('\n')}\n`;
}

function gateLine(gate: GateSummary): string {
  const label = gate.outcome === 'failed' ? 'Gate failed' : gate.outcome === 'passed' ? 'Gate passed' : 'Gate checked nothing';
  return `**${label}** (exit ${gate.exitCode}): ${text(gate.line.replace(/^gate: (failed: |passed: )?/, ''))}`;
}

function zoneBody(comparison: ZoneRunComparison, options: MarkdownSummaryOptions): string[] {
  const lines: string[] = [];
  if (comparison.noise) {
    if (comparison.noise.judged > 0) lines.push(`Rule: ${text(ruleText(comparison))}.`, '');
    lines.push(`${capitalised(text(noiseText(comparison.noise)))}.`, '');
  }
  const rows = options.maxRows ?? 10;
  lines.push(...changeTable(`Worst regressions (${Math.min(rows, comparison.topRegressions.length)} of ${formatCount(comparison.counts.regression)})`, comparison.topRegressions.slice(0, rows), zoneRow, ZONE_HEADER));
  lines.push(...changeTable(`Best improvements (${Math.min(rows, comparison.topImprovements.length)} of ${formatCount(comparison.counts.improvement)})`, comparison.topImprovements.slice(0, rows), zoneRow, ZONE_HEADER));
  return lines;
}

function functionBody(comparison: FunctionRunComparison, options: MarkdownSummaryOptions): string[] {
  const rows = options.maxRows ?? 10;
  return [
    `Rule: |Δ inclusive| ≥ ${comparison.thresholdPercent}% and sample-share z-test p < ${comparison.alpha}.`,
    '',
    ...changeTable(`Worst regressions (${Math.min(rows, comparison.topRegressions.length)} of ${formatCount(comparison.counts.regression)})`, comparison.topRegressions.slice(0, rows), functionRow, FUNCTION_HEADER),
    ...changeTable(`Best improvements (${Math.min(rows, comparison.topImprovements.length)} of ${formatCount(comparison.counts.improvement)})`, comparison.topImprovements.slice(0, rows), functionRow, FUNCTION_HEADER),
  ];
}

const ZONE_HEADER = ['Δ', 'zone', 'profile', 'file:line', 'median per call', 'q', 'detectable'];
const FUNCTION_HEADER = ['Δ inclusive', 'function', 'profile', 'file:line', 'inclusive time', 'p'];
/** Numbers align right. */
const ALIGN: Record<string, string> = { Δ: '--:', 'Δ inclusive': '--:', q: '--:', p: '--:', detectable: '--:' };

function changeTable<T>(heading: string, entries: readonly T[], row: (entry: T) => string[], header: readonly string[]): string[] {
  if (entries.length === 0) return [];
  return [
    `#### ${heading}`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((title) => ALIGN[title] ?? '---').join('|')}|`,
    ...entries.map((entry) => `| ${row(entry).join(' | ')} |`),
    '',
  ];
}

function zoneRow(zone: ZoneComparison): string[] {
  const q = formatPValue(zone.qValue);
  return [
    formatDeltaPercent(zone.deltaPercent),
    cell(zoneLabel(zone.name, 80)),
    cell(zone.profile),
    code(sourceLocation(zone.srcFile, zone.srcLine, 60)),
    `${formatDuration(runLevelMedian(zone.baseline))} → ${formatDuration(runLevelMedian(zone.current))}`,
    q,
    zone.mdePercent === undefined ? '—' : formatPercentLimit(zone.mdePercent),
  ];
}

function functionRow(entry: FunctionComparison): string[] {
  const seconds = (value: number | undefined) => formatDuration(value === undefined ? Number.NaN : value * 1e9);
  return [
    formatDeltaPercent(entry.deltaPercent),
    cell(zoneLabel(entry.functionName, 80)),
    cell(entry.profile),
    code(sourceLocation(entry.file, entry.line, 60)),
    `${seconds(entry.baseline?.totalSeconds)} → ${seconds(entry.current?.totalSeconds)}`,
    formatPValue(entry.pValue),
  ];
}

/**
 * Text from the project (zone names, versions) as Markdown that shows it literally: the
 * characters Markdown or HTML would act on inside a line are escaped, so a zone named `<b>`,
 * `[x](y)` or `a|b` can neither format the page, nor make a link, nor break a table. (Every
 * line this renderer writes starts with its own text, so line-start syntax never arises.)
 */
function text(value: string): string {
  return printable(value).replace(/[\\`*_[\]<>|~]/g, (char) => `\\${char}`);
}

/** A table cell: the same, and never a line break. */
function cell(value: string): string {
  return text(value.replace(/\s+/g, ' '));
}

/** A file:line in code style; a backtick inside would end it, so it becomes a quote. */
function code(value: string): string {
  return `\`${value.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}
