import {
  VERDICTS,
  type FunctionComparison,
  type FunctionRunComparison,
  type RunComparison,
  type Verdict,
  type ZoneComparison,
  type ZoneRunComparison,
} from '../../compare/comparison.js';
import type { RunHistory } from '../../compare/history.js';
import { runLevelMedian } from '../../compare/run-level.js';
import type { StoredRun } from '../../model/run.js';
import { formatCount, formatDuration, formatTimestamp } from '../format.js';
import { printable } from '../labels.js';
import { profileFacts as functionProfileFacts, presentFunctions } from '../pdf/function-section.js';
import { functionReportTitle } from '../pdf/function-summary-page.js';
import { platformRows } from '../pdf/platform-table.js';
import { presentZones, profileFacts as zoneProfileFacts } from '../pdf/profile-section.js';
import { reportTitle, runSubtitle } from '../pdf/summary-page.js';
import { capitalised, functionSummaryNote, zoneSummaryNote } from '../report-wording.js';
import { conditionsText, noiseText, verdictLabel } from '../verdict-wording.js';
import {
  pageCountValue,
  pageDeltaValue,
  pageDurationValue,
  pageLimitValue,
  pagePValueValue,
  pageShareValue,
  type PageNumber,
} from './page-values.js';

/** How the page formats a column (the page's formatters mirror `format.ts`). */
export type ColumnFormat = 'rank' | 'text' | 'source' | 'verdict' | 'count' | 'duration' | 'delta' | 'p' | 'limit' | 'share';

export interface PageColumn {
  key: string;
  label: string;
  format: ColumnFormat;
  /** Shown only when the report compares with a baseline. */
  compared?: boolean;
  /** The header's tooltip. */
  title?: string;
}

export interface PageProfile {
  name: string;
  presence: 'both' | 'current-only' | 'baseline-only';
  /** The line under a profile's heading, as the PDF writes it. */
  facts: string;
  /** One array per value key, in the comparison's entry order: strings for `name`, numbers for the rest. */
  values: Record<string, Array<PageNumber | string>>;
}

export interface PageHistory {
  runs: Array<{ version: string; date: string; commit: string | null; rounds: number }>;
  current: number;
  baseline: number | null;
  /** Which runs the history holds and which it leaves out, in a sentence. */
  note: string;
  /** What the location and the spread are, for the chart's legend. */
  locationLabel: string;
  spreadLabel: string | null;
  /** Per profile, per run: one value per entry (null where it did not run). */
  profiles: Array<{ location: PageNumber[][]; low?: PageNumber[][]; high?: PageNumber[][] }>;
}

/** Everything the page shows; the page builds its DOM from this and nothing else. */
export interface PageData {
  schema: 1;
  kind: 'zones' | 'functions';
  title: string;
  subtitle: string;
  note: string;
  compared: boolean;
  figures: Array<[label: string, value: string]>;
  /** Every verdict in `VERDICTS` order, with its words and the run's count. */
  verdicts: Array<{ key: Verdict; label: string; count: number }>;
  gone: string | null;
  /** The caution when the baseline was measured under other conditions (CPU, Node.js, backend, coverage). */
  conditions: string | null;
  noise: string | null;
  /** Worst regressions and best improvements: [profile index, entry index] into `profiles`. */
  top: Array<{ title: string; none: string; entries: Array<[number, number]> }>;
  platform: { header: string[]; rows: string[][] };
  columns: PageColumn[];
  /** Source files, referred to by index from the `file` values. */
  files: string[];
  profiles: PageProfile[];
  history: PageHistory;
}

export interface PageInput {
  projectName: string;
  current: StoredRun;
  baseline?: StoredRun;
  comparison: RunComparison;
  history: RunHistory;
}

const COMPARED_ZONE_COLUMNS: PageColumn[] = [
  { key: 'bMedian', label: 'Baseline', format: 'duration', compared: true, title: "the baseline's run-level median per call" },
  { key: 'delta', label: 'Δ', format: 'delta', compared: true, title: 'change of the run-level median; ? marks a change the test could not confirm' },
  { key: 'p', label: 'p', format: 'p', compared: true, title: "the zone's own rank-test p-value" },
  { key: 'q', label: 'q', format: 'p', compared: true, title: 'p adjusted over all zones (false discovery rate): what the verdict used' },
  { key: 'mde', label: 'Detectable', format: 'limit', compared: true, title: 'the smallest change this zone could have confirmed at this run’s noise' },
];

export const ZONE_COLUMNS: PageColumn[] = [
  { key: 'rank', label: '#', format: 'rank', title: 'rank by total time in the current run' },
  { key: 'name', label: 'Zone', format: 'text' },
  { key: 'file', label: 'Source', format: 'source' },
  { key: 'verdict', label: 'Verdict', format: 'verdict' },
  { key: 'calls', label: 'Calls', format: 'count' },
  { key: 'total', label: 'Total', format: 'duration', title: 'time in the zone over the run' },
  { key: 'median', label: 'Median', format: 'duration', title: 'run-level median per call: the median of the rounds’ median calls (the mean without rounds)' },
  { key: 'mean', label: 'Mean', format: 'duration' },
  { key: 'min', label: 'Min', format: 'duration' },
  { key: 'max', label: 'Max', format: 'duration' },
  { key: 'std', label: 'Std', format: 'duration' },
  { key: 'share', label: 'Total %', format: 'share', title: "share of the capture's wall span (nested zones count in their parents too)" },
  ...COMPARED_ZONE_COLUMNS,
];

export const FUNCTION_COLUMNS: PageColumn[] = [
  { key: 'rank', label: '#', format: 'rank', title: 'rank by inclusive time in the current run' },
  { key: 'name', label: 'Function', format: 'text' },
  { key: 'file', label: 'Source', format: 'source' },
  { key: 'verdict', label: 'Verdict', format: 'verdict' },
  { key: 'self', label: 'Self', format: 'duration' },
  { key: 'inclusive', label: 'Inclusive', format: 'duration' },
  { key: 'share', label: 'Incl. %', format: 'share', title: "inclusive time in percent of the profile's span" },
  { key: 'samples', label: 'Self samples', format: 'count' },
  { key: 'bInclusive', label: 'Baseline incl.', format: 'duration', compared: true },
  { key: 'delta', label: 'Δ inclusive', format: 'delta', compared: true },
  { key: 'p', label: 'p', format: 'p', compared: true, title: 'two-proportion z-test on the share of samples' },
];

/** Interns strings: files repeat across a profile's zones. */
class StringTable {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  add(value: string): number {
    let at = this.index.get(value);
    if (at === undefined) {
      at = this.values.length;
      this.values.push(value);
      this.index.set(value, at);
    }
    return at;
  }
}

function columns<T>(entries: readonly T[], readers: Record<string, (entry: T, index: number) => PageNumber | string>): Record<string, Array<PageNumber | string>> {
  const out: Record<string, Array<PageNumber | string>> = {};
  for (const [key, read] of Object.entries(readers)) out[key] = entries.map(read);
  return out;
}

const verdictIndex = (verdict: Verdict) => VERDICTS.indexOf(verdict);

function zoneValues(zones: readonly ZoneComparison[], files: StringTable): PageProfile['values'] {
  return columns(zones, {
    rank: (zone, index) => (zone.current ? index + 1 : null),
    name: (zone) => printable(zone.name),
    file: (zone) => files.add(printable(zone.srcFile)),
    line: (zone) => zone.srcLine,
    verdict: (zone) => verdictIndex(zone.verdict),
    calls: (zone) => pageCountValue(zone.current?.counts),
    total: (zone) => pageDurationValue(zone.current?.totalNs),
    median: (zone) => (zone.current ? pageDurationValue(runLevelMedian(zone.current)) : null),
    mean: (zone) => pageDurationValue(zone.current?.meanNs),
    min: (zone) => pageDurationValue(zone.current?.minNs),
    max: (zone) => pageDurationValue(zone.current?.maxNs),
    std: (zone) => pageDurationValue(zone.current?.stdNs),
    share: (zone) => pageShareValue(zone.current?.totalPerc),
    bCalls: (zone) => pageCountValue(zone.baseline?.counts),
    bMedian: (zone) => (zone.baseline ? pageDurationValue(runLevelMedian(zone.baseline)) : null),
    bMean: (zone) => pageDurationValue(zone.baseline?.meanNs),
    bMin: (zone) => pageDurationValue(zone.baseline?.minNs),
    bMax: (zone) => pageDurationValue(zone.baseline?.maxNs),
    delta: (zone) => pageDeltaValue(zone.deltaPercent),
    p: (zone) => pagePValueValue(zone.pValue),
    q: (zone) => pagePValueValue(zone.qValue),
    mde: (zone) => pageLimitValue(zone.mdePercent),
    roundsCurrent: (zone) => pageCountValue(zone.rounds?.current),
    roundsBaseline: (zone) => pageCountValue(zone.rounds?.baseline),
  });
}

function functionValues(functions: readonly FunctionComparison[], durationSeconds: number, files: StringTable): PageProfile['values'] {
  const ns = (seconds: number | undefined) => pageDurationValue(seconds === undefined ? undefined : seconds * 1e9);
  return columns(functions, {
    rank: (entry, index) => (entry.current ? index + 1 : null),
    name: (entry) => printable(entry.functionName),
    file: (entry) => files.add(printable(entry.file)),
    line: (entry) => entry.line,
    verdict: (entry) => verdictIndex(entry.verdict),
    samples: (entry) => pageCountValue(entry.current?.samples),
    self: (entry) => ns(entry.current?.selfSeconds),
    inclusive: (entry) => ns(entry.current?.totalSeconds),
    share: (entry) => (entry.current && durationSeconds > 0 ? pageShareValue((entry.current.totalSeconds / durationSeconds) * 100) : null),
    bSelf: (entry) => ns(entry.baseline?.selfSeconds),
    bInclusive: (entry) => ns(entry.baseline?.totalSeconds),
    bSamples: (entry) => pageCountValue(entry.baseline?.samples),
    delta: (entry) => pageDeltaValue(entry.deltaPercent),
    p: (entry) => pagePValueValue(entry.pValue),
  });
}

/** [profile, entry] of each listed entry, found by identity in the comparison. */
function references<T>(listed: readonly T[], profiles: ReadonlyArray<readonly T[]>): Array<[number, number]> {
  const where = new Map<T, [number, number]>();
  profiles.forEach((entries, profile) => entries.forEach((entry, index) => where.set(entry, [profile, index])));
  return listed.flatMap((entry) => {
    const at = where.get(entry);
    return at ? [at] : [];
  });
}

function topLists<T>(
  comparison: { topRegressions: readonly T[]; topImprovements: readonly T[]; counts: { regression: number; improvement: number } },
  entriesByProfile: ReadonlyArray<readonly T[]>,
): PageData['top'] {
  const { topRegressions, topImprovements, counts } = comparison;
  return [
    { title: `Worst regressions (${Math.min(topRegressions.length, 10)} of ${formatCount(counts.regression)})`, none: 'No confirmed regression.', entries: references(topRegressions, entriesByProfile) },
    { title: `Best improvements (${Math.min(topImprovements.length, 10)} of ${formatCount(counts.improvement)})`, none: 'No confirmed improvement.', entries: references(topImprovements, entriesByProfile) },
  ];
}

function conditionsLine(changes: ZoneRunComparison['conditions']): string | null {
  const text = conditionsText(changes);
  return text ? `${capitalised(text)}.` : null;
}

function goneNote(profiles: ReadonlyArray<{ name: string; presence: string }>): string | null {
  const gone = profiles.filter((profile) => profile.presence === 'baseline-only');
  if (gone.length === 0) return null;
  return `Profiles only in the baseline: ${gone.map((profile) => printable(profile.name)).join(', ')}.`;
}

function historyNote(history: RunHistory, platform: string): string {
  const runs = history.runs.length;
  const parts = [`${formatCount(runs)} stored run${runs === 1 ? '' : 's'} of ${printable(platform)} in version order`];
  if (history.omittedRuns > 0) {
    parts.push(`${formatCount(history.omittedRuns)} more ${history.omittedRuns === 1 ? 'is' : 'are'} stored but not shown (at most ${formatCount(history.limit)} runs per history)`);
  }
  if (history.unreadable.length > 0) {
    parts.push(`left out because they could not be read: ${history.unreadable.map((run) => `${printable(run.version)} (${printable(run.reason)})`).join(', ')}`);
  }
  return `History: ${parts.join('; ')}.`;
}

function pageHistory(history: RunHistory, kind: PageData['kind'], platform: string): PageHistory {
  const width = history.runs.length;
  const byRun = (values: Float64Array, entries: number) =>
    history.runs.map((_, run) => {
      const column: PageNumber[] = new Array(entries);
      for (let entry = 0; entry < entries; entry++) column[entry] = pageDurationValue(values[entry * width + run]);
      return column;
    });
  const anyRounds = history.runs.some((run) => run.rounds >= 2);
  const noRounds = history.runs.some((run) => run.rounds < 2);
  return {
    runs: history.runs.map((run) => ({
      version: printable(run.version),
      date: formatTimestamp(run.timestamp),
      commit: run.gitCommit ? printable(run.gitCommit) : null,
      rounds: run.rounds,
    })),
    current: history.currentIndex,
    baseline: history.baselineIndex ?? null,
    note: historyNote(history, platform),
    locationLabel: kind === 'zones' ? 'run-level median per call' : 'inclusive time',
    spreadLabel:
      kind === 'functions'
        ? null
        : anyRounds && noRounds
          ? 'p10–p90 of the round medians (min–max of the calls in runs without rounds)'
          : anyRounds
            ? 'p10–p90 of the round medians'
            : 'min–max of the calls',
    profiles: history.profiles.map((profile) =>
      kind === 'functions'
        ? { location: byRun(profile.location, profile.entries) }
        : { location: byRun(profile.location, profile.entries), low: byRun(profile.low, profile.entries), high: byRun(profile.high, profile.entries) },
    ),
  };
}

function verdictList(counts: Record<Verdict, number>): PageData['verdicts'] {
  return VERDICTS.map((key) => ({ key, label: verdictLabel({ verdict: key }), count: counts[key] }));
}

function zonePage(input: PageInput, comparison: ZoneRunComparison): PageData {
  const files = new StringTable();
  const compared = comparison.baselineVersion !== undefined;
  const { totals } = comparison;
  return {
    schema: 1,
    kind: 'zones',
    title: reportTitle({ ...input, comparison }),
    subtitle: runSubtitle(input.current, input.baseline),
    note: zoneSummaryNote(comparison),
    compared,
    figures: [
      ['profiles', formatCount(totals.profiles)],
      ['zones', formatCount(totals.zones)],
      ['calls', formatCount(totals.calls)],
      ['total time', formatDuration(totals.spanNs)],
    ],
    verdicts: verdictList(comparison.counts),
    gone: compared ? goneNote(comparison.profiles) : null,
    conditions: conditionsLine(comparison.conditions),
    noise: comparison.noise ? capitalised(noiseText(comparison.noise)) : null,
    top: topLists(comparison, comparison.profiles.map((profile) => profile.zones)),
    platform: platformRows(input.current, input.baseline),
    columns: ZONE_COLUMNS,
    files: files.values,
    profiles: comparison.profiles.map((profile) => ({
      name: printable(profile.name),
      presence: profile.presence,
      facts: zoneProfileFacts(profile, presentZones(profile), compared),
      values: zoneValues(profile.zones, files),
    })),
    history: pageHistory(input.history, 'zones', input.current.platformId),
  };
}

function functionPage(input: PageInput, comparison: FunctionRunComparison): PageData {
  const files = new StringTable();
  const compared = comparison.baselineVersion !== undefined;
  const { totals } = comparison;
  return {
    schema: 1,
    kind: 'functions',
    title: functionReportTitle({ ...input, comparison }),
    subtitle: runSubtitle(input.current, input.baseline),
    note: functionSummaryNote(comparison),
    compared,
    figures: [
      ['profiles', formatCount(totals.profiles)],
      ['functions', formatCount(totals.functions)],
      ['samples', formatCount(totals.samples)],
      ['profiled time', formatDuration(totals.seconds * 1e9)],
    ],
    verdicts: verdictList(comparison.counts),
    gone: compared ? goneNote(comparison.profiles) : null,
    conditions: conditionsLine(comparison.conditions),
    noise: null,
    top: topLists(comparison, comparison.profiles.map((profile) => profile.functions)),
    platform: platformRows(input.current, input.baseline),
    columns: FUNCTION_COLUMNS,
    files: files.values,
    profiles: comparison.profiles.map((profile) => ({
      name: printable(profile.name),
      presence: profile.presence,
      facts: functionProfileFacts(profile, presentFunctions(profile).length, compared),
      values: functionValues(profile.functions, profile.durationSeconds, files),
    })),
    history: pageHistory(input.history, 'functions', input.current.platformId),
  };
}

/** The page's data: the comparison as the PDF shows it, every entry, and each entry's history. */
export function pageData(input: PageInput): PageData {
  return input.comparison.kind === 'zones' ? zonePage(input, input.comparison) : functionPage(input, input.comparison);
}
