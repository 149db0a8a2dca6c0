// Store 100,000 zone rows into profiles.h5 and load them back, beside h5py doing the same
// (bench/support/h5py-store.py, run by Debian's /usr/bin/python3 when it has h5py and numpy;
// skipped with a note otherwise). Target: no slower than h5py in the same run.
// Runs against the built package (dist/); `npm run bench` builds first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProfileStorage, describeRun } from '../dist/src/api.js';

const ROWS = 100_000;
const ROUNDS = 5;

function syntheticZones(count) {
  const zones = new Array(count);
  for (let i = 0; i < count; i++) {
    const mean = 1000 + ((i * 7919) % 100_000);
    zones[i] = {
      name: `suite ${i % 97} > test number ${i} with a realistic name`,
      srcFile: `test/module-${i % 311}/feature.test.ts`,
      srcLine: (i % 900) + 1,
      totalNs: mean * 5,
      totalPerc: (mean * 5) / 1e9,
      counts: 5,
      meanNs: mean,
      minNs: mean - 100,
      maxNs: mean + 100,
      stdNs: 57.7,
    };
  }
  return zones.sort((a, b) => b.totalNs - a.totalNs);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const dir = mkdtempSync(join(tmpdir(), 'perf-report-bench-'));
try {
  const records = syntheticZones(ROWS);
  const profile = { name: 'big', sourcePath: 'big.csv', records, totalCalls: ROWS * 5 };
  const saves = [];
  const loads = [];
  const python = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
  const script = fileURLToPath(new URL('support/h5py-store.py', import.meta.url));
  const h5pyRounds = [];
  let h5pySkipped = existsSync(python) ? undefined : `no ${python}`;
  for (let round = 0; round < ROUNDS; round++) {
    const storage = new ProfileStorage(join(dir, `profiles-${round}.h5`));
    const meta = describeRun({ version: '1.0.0', packageName: 'bench', backend: 'embedded' });
    let start = performance.now();
    await storage.save({ kind: 'zones', meta, profiles: [profile] });
    saves.push(performance.now() - start);
    start = performance.now();
    const [loaded] = await storage.loadProfiles('1.0.0', meta.platformId);
    loads.push(performance.now() - start);
    if (loaded.records.length !== ROWS) throw new Error(`loaded ${loaded.records.length} rows, stored ${ROWS}`);
    // One h5py round after each of ours, so both see the same machine (it is noisy).
    if (h5pySkipped === undefined) {
      const h5py = spawnSync(python, [script, String(ROWS), '1'], { encoding: 'utf8' });
      if (h5py.status === 0) h5pyRounds.push(JSON.parse(h5py.stdout));
      else h5pySkipped = h5py.stderr.trim().split('\n').pop() ?? 'failed';
    }
  }
  const size = statSync(join(dir, 'profiles-0.h5')).size;
  console.log(`store: ${ROWS.toLocaleString('en')} zone rows, ${ROUNDS} rounds, file ${(size / 1e6).toFixed(1)} MB`);
  console.log(`  save  median ${median(saves).toFixed(0)} ms (min ${Math.min(...saves).toFixed(0)}, max ${Math.max(...saves).toFixed(0)})  target ≤ 1000 ms`);
  console.log(`  load  median ${median(loads).toFixed(0)} ms (min ${Math.min(...loads).toFixed(0)}, max ${Math.max(...loads).toFixed(0)})  target ≤ 1000 ms`);
  console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  if (h5pySkipped !== undefined) {
    console.log(`  h5py: skipped (${h5pySkipped}); TARGET store vs h5py: not measured`);
  } else {
    const figures = { h5py: h5pyRounds[0].h5py, save: median(h5pyRounds.map((round) => round.save)), load: median(h5pyRounds.map((round) => round.load)) };
    console.log(`  h5py ${figures.h5py}: save median ${figures.save.toFixed(0)} ms, load median ${figures.load.toFixed(0)} ms (packing from / decoding to rows included; one round after each of ours)`);
    for (const [label, ours, theirs] of [['save', median(saves), figures.save], ['load', median(loads), figures.load]]) {
      const ratio = ours / theirs;
      console.log(`TARGET store ${label} 100k rows vs h5py: ${ratio.toFixed(2)}× h5py's time (target ≤ 1.00×) ${ratio <= 1 ? 'within' : 'OVER'}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
