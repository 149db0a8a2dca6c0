// The report: 50 profiles × 1,000 zones, compared with a baseline, to PDF.
// Runs against the compiled output: `npx tsc -p tsconfig.json && node bench/report.bench.mjs`
// (BENCH_PROFILES and BENCH_ZONES change the size).
// Prints wall time per phase and the process's peak RSS. Target: ≤ 3 s wall on a 2-core machine.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const started = performance.now();
const { compareRuns } = await import('../dist/src/compare/index.js');
const { writePdfReport } = await import('../dist/src/render/pdf/write-pdf-report.js');
const imported = performance.now();

const PROFILES = Number(process.env.BENCH_PROFILES ?? 50);
const ZONES = Number(process.env.BENCH_ZONES ?? 1000);

// A deterministic pseudo-random sequence, so every run measures the same document.
function sequence(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function makeZones(profileIndex, drift) {
  const random = sequence(profileIndex * 7919 + 1);
  const zones = [];
  for (let z = 0; z < ZONES; z++) {
    const counts = 1 + Math.floor(random() * 500);
    // Means spread over four decades, as a real suite's hooks, tests and helpers do.
    const meanNs = Math.round(10 ** (3 + random() * 4) * drift(z));
    const stdNs = meanNs * (0.02 + random() * 0.1);
    zones.push({
      name: `suite ${profileIndex} > case ${z} does something useful`,
      srcFile: `test/area-${z % 40}/feature-${profileIndex}.test.ts`,
      srcLine: 10 + z,
      totalNs: meanNs * counts,
      totalPerc: 0,
      counts,
      meanNs,
      minNs: Math.round(meanNs * 0.8),
      maxNs: Math.round(meanNs * (1.2 + random())),
      stdNs,
    });
  }
  return zones;
}

function makeRun(version, timestamp, drift) {
  const profiles = [];
  for (let p = 0; p < PROFILES; p++) {
    const records = makeZones(p, drift).sort((a, b) => b.totalNs - a.totalNs);
    const span = records.reduce((sum, zone) => sum + zone.totalNs, 0);
    for (const zone of records) zone.totalPerc = (zone.totalNs / span) * 100;
    profiles.push({
      name: `feature-${p}`,
      sourcePath: `perf/feature-${p}.csv`,
      records,
      totalCalls: records.reduce((sum, zone) => sum + zone.counts, 0),
    });
  }
  const meta = {
    machineId: 'bench', platformId: 'linux-x64-node20', version, timestamp, system: 'linux', arch: 'x64',
    host: 'bench', release: '6.8', processor: 'bench CPU', nodeVersion: process.version, backend: 'embedded',
    packageName: 'bench', gitCommit: 'abcdef0', extra: {},
  };
  return { version, platformId: 'linux-x64-node20', meta, profiles };
}

// Every 50th zone 30 % slower, every 70th 25 % faster, the rest unchanged.
const baseline = makeRun('1.0.0', 1_700_000_000, () => 1);
const current = makeRun('1.1.0', 1_700_086_400, (z) => (z % 50 === 7 ? 1.3 : z % 70 === 3 ? 0.75 : 1));
const generated = performance.now();

const cpuBefore = process.cpuUsage();
const comparison = compareRuns(current, baseline);
const compared = performance.now();

// BENCH_OUT=path keeps the PDF for a look (pdftoppm -png -r 60 path page).
const dir = mkdtempSync(join(tmpdir(), 'perf-report-bench-'));
const outFile = process.env.BENCH_OUT ?? join(dir, 'bench.1.1.0.pdf');
const result = await writePdfReport({ projectName: 'bench', current, baseline, comparison, outFile });
const written = performance.now();
const cpu = process.cpuUsage(cpuBefore);

const size = statSync(outFile).size;
rmSync(dir, { recursive: true, force: true });
const ms = (a, b) => `${Math.round(b - a)} ms`;
console.log(`profiles × zones       ${PROFILES} × ${ZONES} (with baseline)`);
console.log(`regressions/improvements ${comparison.counts.regression}/${comparison.counts.improvement}`);
console.log(`import                 ${ms(started, imported)}`);
console.log(`generate runs          ${ms(imported, generated)} (not part of the report)`);
console.log(`compareRuns            ${ms(generated, compared)}`);
console.log(`writePdfReport         ${ms(compared, written)}  (${result.pages} pages, ${(size / 1024).toFixed(0)} KiB, ${result.failedProfiles.length} failed profiles)`);
console.log(`report (compare + PDF) ${ms(generated, written)}`);
console.log(`report CPU (user+sys)  ${Math.round((cpu.user + cpu.system) / 1000)} ms (includes V8 GC helper threads)`);
console.log(`in-process total       ${ms(started, written)}`);
console.log(`peak RSS               ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
