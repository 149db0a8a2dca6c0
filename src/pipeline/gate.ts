import type { FunctionComparison, RunComparison, Verdict, ZoneComparison } from '../compare/comparison.js';
import { formatCount, formatDeltaPercent, formatPercentLimit } from '../render/format.js';
import { zoneLabel } from '../render/labels.js';
import type { GateFinding, GateSummary } from '../render/summary-json.js';
import { budgetFor, parseBudgets, readConfigBudgets, type BudgetRule, type Budgets } from './budgets.js';

/** What the user asked the gate to enforce. Without either switch there is no gate. */
export interface GateOptions {
  /** A confirmed regression over its budget fails the gate (exit 3). */
  failOnRegression?: boolean;
  /** A gate that checked nothing (no baseline, no zone could be judged) is an error (exit 2) instead of a pass. */
  requireBaseline?: boolean;
  /** Per-zone budgets (the first matching glob decides); the comparison's threshold elsewhere. */
  budgets?: readonly BudgetRule[];
}

/**
 * The gate a command was asked for: its switches, with the given budgets, else those of the
 * project's config file (read only when there is a gate). Checked before anything is stored.
 */
export function gateOptionsOf(asked: { failOnRegression?: boolean; requireBaseline?: boolean; budgets?: Budgets }, projectRoot: string): GateOptions {
  if (!asked.failOnRegression && !asked.requireBaseline) return {};
  const budgets = asked.budgets === undefined ? readConfigBudgets(projectRoot) : parseBudgets(asked.budgets, 'the budgets option');
  return {
    ...(asked.failOnRegression ? { failOnRegression: true } : {}),
    ...(asked.requireBaseline ? { requireBaseline: true } : {}),
    ...(budgets ? { budgets } : {}),
  };
}

export type GateOutcome = GateSummary['outcome'];

/** What the gate decided: plain data, as the summaries show it. */
export type GateResult = GateSummary;

/** The exit codes of the gate's outcomes; the CLI's table (cli/exit-codes.ts) names them too. */
export const GATE_EXIT_CODES = { passed: 0, 'nothing-checked': 2, failed: 3 } as const;

/** What the gate reads of a zone or a function alike. */
interface Entry {
  profile: string;
  name: string;
  srcFile: string;
  srcLine: number;
  verdict: Verdict;
  deltaPercent?: number;
  /** Confirmed at the comparison's level. */
  confirmed: boolean;
  pValue?: number;
}

const JUDGED: ReadonlySet<Verdict> = new Set<Verdict>(['regression', 'improvement', 'unconfirmed', 'unchanged']);
const NAMED_FINDINGS = 3;

function zoneEntry(zone: ZoneComparison, alpha: number): Entry {
  // The verdict's own rule: judged, and its adjusted p-value at the false discovery rate.
  const confirmed = zone.verdict !== 'unjudged' && zone.qValue !== undefined && zone.qValue <= alpha;
  return { ...zone, confirmed, ...(zone.qValue === undefined ? {} : { pValue: zone.qValue }) };
}

function functionEntry(entry: FunctionComparison, alpha: number): Entry {
  // The share test confirms at p < alpha; `unconfirmed` with a small p means its direction disagreed.
  const confirmed = entry.pValue !== undefined && entry.pValue < alpha && entry.verdict !== 'unconfirmed';
  return {
    profile: entry.profile,
    name: entry.functionName,
    srcFile: entry.file,
    srcLine: entry.line,
    verdict: entry.verdict,
    ...(entry.deltaPercent === undefined ? {} : { deltaPercent: entry.deltaPercent }),
    confirmed,
    ...(entry.pValue === undefined ? {} : { pValue: entry.pValue }),
  };
}

/**
 * The regression gate over a comparison: a zone fails it when its change is confirmed and at
 * least its budget (the comparison's threshold unless a budget says otherwise). The adjusted
 * p-values do not depend on the threshold, so a budget below the threshold is judged exactly,
 * without comparing again. A gate that could check nothing says so, and with `requireBaseline`
 * fails instead of passing: a gate must never pass silently because nothing was compared.
 * Undefined when no gate was asked for.
 */
export function applyGate(comparison: RunComparison, options: GateOptions, context: { shard?: string } = {}): GateResult | undefined {
  if (!options.failOnRegression && !options.requireBaseline) return undefined;
  const noun = comparison.kind === 'functions' ? 'function' : 'zone';
  const nothing = (why: string): GateResult => {
    const consequence = options.requireBaseline ? ' (--require-baseline: exit 2)' : '; --require-baseline makes this an error';
    const outcome = 'nothing-checked';
    return {
      outcome,
      exitCode: options.requireBaseline ? GATE_EXIT_CODES[outcome] : 0,
      line: `gate: ${why}; nothing was checked${consequence}`,
      regressions: [],
      checked: 0,
      ignored: 0,
    };
  };
  if (context.shard) return nothing(`shard ${context.shard} is a partial run, not compared (merge the shards with perf-report merge, then gate the merged run with perf-report compare)`);
  if (comparison.baselineVersion === undefined) return nothing('no baseline to compare with');

  const entries: Entry[] =
    comparison.kind === 'functions'
      ? comparison.profiles.flatMap((profile) => profile.functions.map((entry) => functionEntry(entry, comparison.alpha)))
      : comparison.profiles.flatMap((profile) => profile.zones.map((zone) => zoneEntry(zone, comparison.alpha)));
  const rules = options.budgets ?? [];
  let ignored = 0;
  const judged: Array<{ entry: Entry; limitPercent: number }> = [];
  for (const entry of entries) {
    if (!JUDGED.has(entry.verdict)) continue;
    const rule = budgetFor(rules, entry);
    if (rule?.ignore) {
      ignored += 1;
      continue;
    }
    judged.push({ entry, limitPercent: rule?.thresholdPercent ?? comparison.thresholdPercent });
  }
  if (judged.length === 0) {
    const matched = comparison.kind === 'functions' ? comparison.matchedFunctions : comparison.matchedZones;
    if (matched === 0) return nothing(`baseline ${comparison.baselineVersion} shares no ${noun} with this run`);
    if (ignored > 0) return { ...nothing(`every judged ${noun} is ignored by the budgets (${formatCount(ignored)})`), ignored };
    const rounds = comparison.kind === 'zones' ? comparison.noise?.rounds : undefined;
    const sides = rounds ? ` (${formatCount(rounds.current)} vs ${formatCount(rounds.baseline)} round${rounds.current === 1 && rounds.baseline === 1 ? ' a side' : 's'})` : '';
    return nothing(`no ${noun} could be judged${sides}`);
  }

  const regressions: GateFinding[] = judged
    .filter(({ entry, limitPercent }) => entry.confirmed && entry.deltaPercent !== undefined && entry.deltaPercent > 0 && entry.deltaPercent >= limitPercent)
    .map(({ entry, limitPercent }) => ({
      profile: entry.profile,
      name: entry.name,
      srcFile: entry.srcFile,
      srcLine: entry.srcLine,
      deltaPercent: entry.deltaPercent as number,
      limitPercent,
      ...(entry.pValue === undefined ? {} : { pValue: entry.pValue }),
    }))
    .sort((a, b) => b.deltaPercent - a.deltaPercent);
  const among = `${formatCount(judged.length)} judged ${noun}${judged.length === 1 ? '' : 's'}${ignored > 0 ? `, ${formatCount(ignored)} ignored by the budgets` : ''}`;
  if (regressions.length === 0) {
    return { outcome: 'passed', exitCode: 0, line: `gate: passed: no confirmed regression over budget among ${among}`, regressions, checked: judged.length, ignored };
  }
  const named = regressions
    .slice(0, NAMED_FINDINGS)
    .map((finding) => `${zoneLabel(finding.name, 60)} ${formatDeltaPercent(finding.deltaPercent)} (limit ${formatPercentLimit(finding.limitPercent)})`)
    .join(', ');
  const more = regressions.length > NAMED_FINDINGS ? ` and ${formatCount(regressions.length - NAMED_FINDINGS)} more` : '';
  const count = `${formatCount(regressions.length)} confirmed regression${regressions.length === 1 ? '' : 's'} over budget`;
  if (!options.failOnRegression) {
    return { outcome: 'passed', exitCode: 0, line: `gate: ${count} among ${among} (not failing: --fail-on-regression is off): ${named}${more}`, regressions, checked: judged.length, ignored };
  }
  return { outcome: 'failed', exitCode: GATE_EXIT_CODES.failed, line: `gate: failed: ${count} among ${among}: ${named}${more}`, regressions, checked: judged.length, ignored };
}
