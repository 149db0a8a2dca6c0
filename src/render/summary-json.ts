import type { RunComparison } from '../compare/comparison.js';

/** A zone (or function) over its budget, as the regression gate found it. */
export interface GateFinding {
  profile: string;
  name: string;
  srcFile: string;
  srcLine: number;
  deltaPercent: number;
  /** The limit it crossed: its budget, or the comparison's threshold. */
  limitPercent: number;
  /** The adjusted p-value that confirmed it (zones), or the share test's p (functions). */
  pValue?: number;
}

/** What the regression gate decided (pipeline/gate.ts), as every summary shows it. */
export interface GateSummary {
  outcome: 'passed' | 'failed' | 'nothing-checked';
  /** The process's exit code for this outcome: 0, 2 (nothing checked, --require-baseline) or 3 (regression). */
  exitCode: number;
  /** One line: `gate: …`. */
  line: string;
  regressions: GateFinding[];
  /** Zones (functions) the gate judged, and those the budgets told it to ignore. */
  checked: number;
  ignored: number;
}

/**
 * The machine-readable verdict (`--summary-json FILE`): the comparison's counts, how it was
 * judged, its noise, and every compared zone (or function) with its verdict. Numbers that do
 * not exist (no p-value, no detectable change) are `null`, as JSON has no Infinity.
 */
export interface SummaryJson {
  /** Bumped when a field changes meaning. */
  schema: 1;
  kind: 'zones' | 'functions';
  currentVersion: string;
  baselineVersion: string | null;
  thresholdPercent: number;
  /** The false discovery rate over the comparison's zones (the significance level of the share test for functions). */
  alpha: number;
  counts: Record<string, number>;
  /** What the baseline was measured under that this run was not (CPU, Node.js, backend, coverage); empty without a baseline. */
  conditions: Array<{ what: string; baseline: string; current: string }>;
  noise: {
    matched: number;
    judged: number;
    detectable: { 5: number; 10: number; 25: number };
    medianMdePercent: number | null;
    rounds: { current: number; baseline: number };
    pooledBaseline: boolean;
    /** Zones whose rounds ran at two speed levels (JIT modes), and how many of them were judged within the levels. */
    bimodal: number;
    judgedWithinModes: number;
  } | null;
  zones: SummaryZone[];
  /** Present when a gate was asked for (--fail-on-regression, --require-baseline); null otherwise. */
  gate?: {
    outcome: GateSummary['outcome'];
    exitCode: number;
    line: string;
    checked: number;
    ignored: number;
    regressions: Array<Omit<GateFinding, 'pValue'> & { pValue: number | null }>;
  } | null;
}

export interface SummaryZone {
  profile: string;
  name: string;
  srcFile: string;
  srcLine: number;
  verdict: string;
  deltaPercent: number | null;
  pValue: number | null;
  /** p adjusted for the whole comparison (Benjamini–Hochberg); what the verdict used. */
  qValue: number | null;
  /** The smallest change this zone could have confirmed; null when it could confirm none. */
  mdePercent: number | null;
  /** Calls in the current run (samples for a function). */
  calls: number;
  rounds: { current: number; baseline: number } | null;
  /** The zone's two speed levels when its rounds fell into JIT modes (ns), the share of fast rounds, and whether it was judged within them. */
  modes: { fastNs: number; slowNs: number; fastShare: number; judgedWithin: boolean } | null;
}

function finite(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

function gateJson(gate: GateSummary | undefined): SummaryJson['gate'] {
  if (!gate) return null;
  const { outcome, exitCode, line, checked, ignored } = gate;
  return { outcome, exitCode, line, checked, ignored, regressions: gate.regressions.map((finding) => ({ ...finding, pValue: finite(finding.pValue) })) };
}

export function summaryJson(comparison: RunComparison, gate?: GateSummary): SummaryJson {
  const common = {
    schema: 1 as const,
    currentVersion: comparison.currentVersion,
    baselineVersion: comparison.baselineVersion ?? null,
    thresholdPercent: comparison.thresholdPercent,
    alpha: comparison.alpha,
    counts: { ...comparison.counts },
    conditions: (comparison.conditions ?? []).map((change) => ({ ...change })),
    gate: gateJson(gate),
  };
  if (comparison.kind === 'functions') {
    return {
      ...common,
      kind: 'functions',
      noise: null,
      zones: comparison.profiles.flatMap((profile) =>
        profile.functions.map((entry) => ({
          profile: entry.profile,
          name: entry.functionName,
          srcFile: entry.file,
          srcLine: entry.line,
          verdict: entry.verdict,
          deltaPercent: finite(entry.deltaPercent),
          pValue: finite(entry.pValue),
          qValue: null,
          mdePercent: null,
          calls: entry.current?.samples ?? 0,
          rounds: null,
          modes: null,
        })),
      ),
    };
  }
  const noise = comparison.noise;
  return {
    ...common,
    kind: 'zones',
    noise: noise
      ? {
          matched: noise.matched,
          judged: noise.judged,
          detectable: { ...noise.detectable },
          medianMdePercent: finite(noise.medianMdePercent),
          rounds: { ...noise.rounds },
          pooledBaseline: noise.pooledBaseline,
          bimodal: noise.bimodal,
          judgedWithinModes: noise.judgedWithinModes,
        }
      : null,
    zones: comparison.profiles.flatMap((profile) =>
      profile.zones.map((zone) => ({
        profile: zone.profile,
        name: zone.name,
        srcFile: zone.srcFile,
        srcLine: zone.srcLine,
        verdict: zone.verdict,
        deltaPercent: finite(zone.deltaPercent),
        pValue: finite(zone.pValue),
        qValue: finite(zone.qValue),
        mdePercent: finite(zone.mdePercent),
        calls: zone.current?.counts ?? 0,
        rounds: zone.rounds ?? null,
        modes: zone.modes ? { ...zone.modes } : null,
      })),
    ),
  };
}
