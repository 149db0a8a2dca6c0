import {
  type RunComparison,
  type FunctionComparison,
  type FunctionRunComparison,
  type ZoneRunComparison,
  type VerdictCounts,
  type ZoneComparison,
} from '../compare/comparison.js';
import { runLevelMedian } from '../compare/run-level.js';
import { formatCount, formatDeltaPercent, formatDuration, formatPValue, formatPercentLimit, formatVerdictCounts } from './format.js';
import { sourceLocation, zoneLabel } from './labels.js';
import { conditionsText, modesText, noiseText, ruleText } from './verdict-wording.js';

export interface TextSummaryOptions {
  /** Shown before the version, e.g. the package name. */
  projectName?: string;
  /** How many of the worst regressions to list (default 5). */
  maxRegressions?: number;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

function regressionLine(zone: ZoneComparison): string {
  const location = sourceLocation(zone.srcFile, zone.srcLine, 60);
  const medians = `${formatDuration(runLevelMedian(zone.baseline))} -> ${formatDuration(runLevelMedian(zone.current))}`;
  const q = formatPValue(zone.qValue);
  const mde = zone.mdePercent === undefined ? '' : `, detectable ${formatPercentLimit(zone.mdePercent)}`;
  const modes = zone.modes ? `; ${modesText(zone.modes)}` : '';
  return `    ${formatDeltaPercent(zone.deltaPercent).padStart(7)}  ${zoneLabel(zone.name, 80)}  [${zone.profile}, ${location}]  ${medians}, q ${q.startsWith('<') ? q : `= ${q}`}${mde}${modes}`;
}

function pValueText(p: number | undefined): string {
  const text = formatPValue(p);
  return text.startsWith('<') ? `p ${text}` : `p = ${text}`;
}

function countsLine(counts: VerdictCounts, rule: string): string {
  return (
    `  ${plural(counts.regression, 'regression')}, ${plural(counts.improvement, 'improvement')}, ` +
    `${formatCount(counts.unconfirmed)} unconfirmed, ${formatCount(counts.new)} new, ${formatCount(counts.removed)} removed (${rule})`
  );
}

function functionRegressionLine(entry: FunctionComparison): string {
  const location = sourceLocation(entry.file, entry.line, 60);
  const seconds = (value: number | undefined) => formatDuration(value === undefined ? Number.NaN : value * 1e9);
  const times = `${seconds(entry.baseline?.totalSeconds)} -> ${seconds(entry.current?.totalSeconds)} inclusive`;
  return `    ${formatDeltaPercent(entry.deltaPercent).padStart(7)}  ${zoneLabel(entry.functionName, 80)}  [${entry.profile}, ${location}]  ${times}, ${pValueText(entry.pValue)}`;
}

/** The terminal summary of a cpuprofile run: the same shape as the zones', in functions and samples. */
function formatFunctionTextSummary(comparison: FunctionRunComparison, options: TextSummaryOptions): string {
  const project = options.projectName ? `${options.projectName} ` : '';
  const { totals, counts } = comparison;
  const compared = comparison.baselineVersion !== undefined && comparison.matchedFunctions > 0;
  const lines = [
    `perf-report: ${project}${comparison.currentVersion}${compared ? ` vs ${comparison.baselineVersion}` : ''}`,
    `  ${plural(totals.profiles, 'CPU profile')}, ${plural(totals.functions, 'function')}, ${plural(totals.samples, 'sample')}, ${formatDuration(totals.seconds * 1e9)} profiled`,
  ];
  if (comparison.baselineVersion === undefined) {
    lines.push('  no baseline: nothing compared');
    return lines.join('\n');
  }
  if (!compared) lines.push(`  baseline ${comparison.baselineVersion} shares no function with this run`);
  lines.push(countsLine(counts, `|Δ inclusive| ≥ ${comparison.thresholdPercent}% and sample-share z-test p < ${comparison.alpha}`));
  const conditions = conditionsText(comparison.conditions);
  if (conditions) lines.push(`  ${conditions}`);
  const worst = comparison.topRegressions.slice(0, options.maxRegressions ?? 5);
  if (worst.length > 0) lines.push('  worst regressions:', ...worst.map(functionRegressionLine));
  return lines.join('\n');
}

/** A few lines for the terminal: what was compared, the counts, and the worst regressions. */
export function formatTextSummary(comparison: RunComparison, options: TextSummaryOptions = {}): string {
  return comparison.kind === 'functions' ? formatFunctionTextSummary(comparison, options) : formatZoneTextSummary(comparison, options);
}

function formatZoneTextSummary(comparison: ZoneRunComparison, options: TextSummaryOptions): string {
  const project = options.projectName ? `${options.projectName} ` : '';
  const { totals, counts } = comparison;
  const compared = comparison.baselineVersion !== undefined && comparison.matchedZones > 0;
  const lines = [
    `perf-report: ${project}${comparison.currentVersion}${compared ? ` vs ${comparison.baselineVersion}` : ''}`,
    `  ${plural(totals.profiles, 'profile')}, ${plural(totals.zones, 'zone')}, ${plural(totals.calls, 'call')}, ${formatDuration(totals.spanNs)} profiled`,
  ];
  if (comparison.baselineVersion === undefined) {
    lines.push('  no baseline: nothing compared');
    return lines.join('\n');
  }
  if (!compared) lines.push(`  baseline ${comparison.baselineVersion} shares no zone with this run`);
  lines.push(`  ${formatVerdictCounts(counts)}`);
  const conditions = conditionsText(comparison.conditions);
  if (conditions) lines.push(`  ${conditions}`);
  if (comparison.noise) {
    if (comparison.noise.judged > 0) lines.push(`  rule: ${ruleText(comparison)}`);
    lines.push(`  ${noiseText(comparison.noise)}`);
  }
  const worst = comparison.topRegressions.slice(0, options.maxRegressions ?? 5);
  if (worst.length > 0) {
    lines.push('  worst regressions:');
    lines.push(...worst.map(regressionLine));
  }
  return lines.join('\n');
}
