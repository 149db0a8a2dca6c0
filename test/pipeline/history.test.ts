import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { historyPoints } from '../../src/compare/history.js';
import type { StoredRun } from '../../src/model/run.js';
import { historyForReports, loadHistory } from '../../src/pipeline/history.js';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { meta, profile, zone, zoneRun } from '../support/runs.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

/** A run of one zone whose mean says which run it is. */
function run(version: string, meanNs: number, overrides: Parameters<typeof meta>[1] = {}) {
  return zoneRun(meta(version, { timestamp: 1_700_000_000 + meanNs, ...overrides }), [profile('app', [zone('work', { meanNs })])]);
}

async function storeAll(storage: ProfileStorage, runs: StoredRun[]): Promise<void> {
  for (const stored of runs) await storage.save(stored);
}

describe('loadHistory', () => {
  it('reads the platform\'s runs in version order (0.9.0 < 0.10.0), marks the current run and its baseline', async () => {
    const storage = new ProfileStorage(join(tempDir(), 'profiles.h5'));
    // Stored out of order, with a run of another platform and a cpuprofile run that must not appear.
    await storeAll(storage, [run('0.10.0', 100), run('0.9.0', 90), run('0.2.0', 20), run('0.9.5', 95, { platformId: 'other-box' })]);
    await storage.save({ kind: 'functions', version: '0.9.0', platformId: 'linux-x64-node20', meta: meta('0.9.0', { backend: 'cpuprofile' }), profiles: [] });
    const baseline = await storage.loadRun('0.10.0', 'linux-x64-node20');
    const current = run('0.11.0', 110);
    await storage.save(current);
    const comparison = compareRuns(current, baseline.kind === 'zones' ? baseline : undefined);
    const history = await loadHistory({ storage, current, baseline, comparison });
    expect(history.runs.map((entry) => entry.version)).toEqual(['0.2.0', '0.9.0', '0.10.0', '0.11.0']);
    expect(history.currentIndex).toBe(3);
    expect(history.baselineIndex).toBe(2);
    expect(history.omittedRuns).toBe(0);
    expect(historyPoints(history, 0, 0).map((point) => point?.location)).toEqual([20, 90, 100, 110]);
  });

  it('keeps the last runs up to the limit, always with the current run and an older explicit baseline', async () => {
    const storage = new ProfileStorage(join(tempDir(), 'profiles.h5'));
    await storeAll(storage, [1, 2, 3, 4, 5, 6].map((minor) => run(`1.${minor}.0`, minor)));
    const current = run('1.7.0', 7);
    const baseline = await storage.loadRun('1.1.0', 'linux-x64-node20');
    const comparison = compareRuns(current, baseline.kind === 'zones' ? baseline : undefined);
    // Not stored (--no-h5): the run in memory still ends the history.
    const history = await loadHistory({ storage, current, baseline, comparison, limit: 4 });
    expect(history.runs.map((entry) => entry.version)).toEqual(['1.1.0', '1.5.0', '1.6.0', '1.7.0']);
    expect(history.baselineIndex).toBe(0);
    expect(history.currentIndex).toBe(3);
    expect(history.omittedRuns).toBe(3);
    expect(history.limit).toBe(4);
  });

  it('goes on without a run that cannot be read, and names it', async () => {
    const storage = new ProfileStorage(join(tempDir(), 'profiles.h5'));
    await storeAll(storage, [run('1.0.0', 10), run('1.1.0', 11)]);
    const broken = Object.assign(Object.create(storage) as ProfileStorage, {
      loadRun: async (version: string, platform: string, backend?: string) => {
        if (version === '1.0.0') throw new Error('damaged dataset');
        return storage.loadRun(version, platform, backend);
      },
    });
    const current = run('1.2.0', 12);
    const history = await loadHistory({ storage: broken, current, comparison: compareRuns(current, undefined) });
    expect(history.runs.map((entry) => entry.version)).toEqual(['1.0.0', '1.1.0', '1.2.0']);
    expect(history.unreadable).toEqual([{ version: '1.0.0', reason: 'damaged dataset' }]);
    expect(historyPoints(history, 0, 0).map((point) => point?.location)).toEqual([undefined, 11, 12]);
  });

  it('without a history file: the current run alone', async () => {
    const storage = new ProfileStorage(join(tempDir(), 'missing', 'profiles.h5'));
    const current = run('1.0.0', 10);
    const history = await loadHistory({ storage, current, comparison: compareRuns(current, undefined) });
    expect(history.runs.map((entry) => entry.version)).toEqual(['1.0.0']);
    expect(history.baselineIndex).toBeUndefined();
  });

  it('is loaded for the PDF alone only when it has a confirmed change to draw', async () => {
    const storage = new ProfileStorage(join(tempDir(), 'profiles.h5'));
    const current = run('1.0.0', 10);
    const request = { storage, current, comparison: compareRuns(current, undefined) };
    expect(await historyForReports(request, { html: false, pdf: true })).toBeUndefined();
    expect(await historyForReports(request, { html: true, pdf: false })).toBeDefined();
  });
});
