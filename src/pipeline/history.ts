import { existsSync } from 'node:fs';
import { compareVersions } from '../compare/baseline.js';
import type { RunComparison } from '../compare/comparison.js';
import { HistoryBuilder, type HistoryRun, type RunHistory } from '../compare/history.js';
import { messageOf } from '../errors.js';
import type { RunMeta, StoredRun } from '../model/run.js';
import { runKey, type ProfileStorage } from '../store/profile-storage.js';

/** The most runs a history shows: enough to tell a trend from noise, few enough to load quickly. */
export const HISTORY_RUNS = 30;

/**
 * The most points (entries × runs) a history holds. A suite of 50,000 zones would otherwise put
 * 1.5 million points into the HTML page; above this the history shows fewer runs (at least the
 * current run and its baseline) and says so.
 */
export const HISTORY_POINTS = 400_000;

export interface HistoryRequest {
  storage: ProfileStorage;
  current: StoredRun;
  baseline?: StoredRun;
  comparison: RunComparison;
  /** At most this many runs (default HISTORY_RUNS; fewer for very large runs, see HISTORY_POINTS). */
  limit?: number;
}

interface Candidate {
  meta: Pick<RunMeta, 'version' | 'timestamp' | 'gitCommit' | 'rounds'>;
  /** The run in memory (the current run and its baseline), else loaded from the store. */
  run?: StoredRun;
}

function byVersion(a: Candidate, b: Candidate): number {
  return compareVersions(a.meta.version, b.meta.version) || a.meta.timestamp - b.meta.timestamp;
}

function entriesOf(comparison: RunComparison): number {
  return comparison.kind === 'zones'
    ? comparison.profiles.reduce((sum, profile) => sum + profile.zones.length, 0)
    : comparison.profiles.reduce((sum, profile) => sum + profile.functions.length, 0);
}

/**
 * The history the reports draw: every stored run of the current run's platform and backend kind
 * (the runs its baseline is chosen from), in the version order baselines follow, at most `limit`
 * of them, always with the current run (stored or not) and its baseline. The window is the
 * latest one that holds the current run. Each run is loaded once, reduced to its points and let
 * go; a run that cannot be read is left out and named.
 */
export async function loadHistory(request: HistoryRequest): Promise<RunHistory> {
  const { storage, current, baseline, comparison } = request;
  const entries = entriesOf(comparison);
  const limit = Math.max(2, Math.min(request.limit ?? HISTORY_RUNS, Math.floor(HISTORY_POINTS / Math.max(1, entries))));
  const key = runKey(current.meta.platformId, current.meta.backend);
  const stored = existsSync(storage.h5Path) ? (await storage.listRuns()).filter((entry) => entry.platformKey === key) : [];

  // The current run replaces a stored run of its version (it is that run, or supersedes it).
  const candidates: Candidate[] = stored
    .filter((entry) => entry.meta.version !== current.version)
    .map((entry) => (baseline && entry.meta.version === baseline.version ? { meta: baseline.meta, run: baseline } : { meta: entry.meta }));
  candidates.push({ meta: current.meta, run: current });
  if (baseline && !candidates.some((candidate) => candidate.run === baseline)) candidates.push({ meta: baseline.meta, run: baseline });
  candidates.sort(byVersion);

  const currentAt = candidates.findIndex((candidate) => candidate.run === current);
  const start = Math.max(0, Math.min(candidates.length - limit, currentAt));
  const window = candidates.slice(start, start + limit);
  const baselineCandidate = candidates.find((candidate) => baseline !== undefined && candidate.run === baseline);
  if (baselineCandidate && !window.includes(baselineCandidate)) {
    // An explicit baseline outside the window: it takes the place of the run farthest from the current one.
    if (window.length >= limit) {
      const at = window.findIndex((candidate) => candidate.run === current);
      window.splice(at >= window.length - 1 - at ? 0 : window.length - 1, 1);
    }
    window.push(baselineCandidate);
    window.sort(byVersion);
  }

  const runs: HistoryRun[] = window.map(({ meta }) => ({
    version: meta.version,
    timestamp: meta.timestamp,
    ...(meta.gitCommit ? { gitCommit: meta.gitCommit } : {}),
    rounds: meta.rounds ?? 1,
  }));
  const builder = new HistoryBuilder(comparison, runs);
  const unreadable: RunHistory['unreadable'] = [];
  for (const [index, candidate] of window.entries()) {
    try {
      const run = candidate.run ?? (await storage.loadRun(candidate.meta.version, current.meta.platformId, current.meta.backend));
      builder.add(index, run);
    } catch (error) {
      unreadable.push({ version: candidate.meta.version, reason: messageOf(error) });
    }
  }
  const baselineIndex = baselineCandidate ? window.indexOf(baselineCandidate) : -1;
  return builder.finish({
    currentIndex: window.findIndex((candidate) => candidate.run === current),
    ...(baselineIndex >= 0 ? { baselineIndex } : {}),
    omittedRuns: candidates.length - window.length,
    limit,
    unreadable,
  });
}

/**
 * The history the reports of one run need: the HTML page always draws it; the PDF only on its
 * page of confirmed changes, so without the page and without a confirmed change none is loaded.
 */
export async function historyForReports(request: HistoryRequest, reports: { html: boolean; pdf: boolean }): Promise<RunHistory | undefined> {
  const confirmed = request.comparison.counts.regression + request.comparison.counts.improvement > 0;
  if (!reports.html && !(reports.pdf && confirmed)) return undefined;
  return loadHistory(request);
}
