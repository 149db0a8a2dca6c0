// This build against commit b084810 (the targets' reference), run alternately in whole
// processes on the same input, medians of BENCH_ROUNDS (3):
// - the report: compare + PDF of 50 profiles × 1,000 zones with a baseline (target ≥ 3.4× faster, ≤ 300 MiB);
// - a small run: `perf-report generate` of 1 profile × 40 zones, the whole process (target ≥ 4× faster, ≤ 100 MiB);
// - what loading pdfmake, ECharts and h5wasm costs on its own (each in a fresh process).
// The reference build is BENCH_BASELINE_DIR (default ../perf-b084810 beside this worktree):
// `git worktree add ../perf-b084810 b084810 && cd ../perf-b084810 && npm ci && npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BASE = resolve(process.env.BENCH_BASELINE_DIR ?? join(REPO, '../perf-b084810'));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const verdict = (ok) => (ok ? 'within' : 'OVER');

const RSS_RECORDER = pathToFileURL(join(REPO, 'bench/support/record-rss.mjs')).href;

/**
 * Runs a whole command; wall ms, and the peak RSS in MiB of each of its processes, summed (an
 * upper bound of what they held at once, should a command fork).
 */
function whole(args, options = {}) {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'perf-report-rss-')), 'rss');
  const env = { ...process.env, ...options.env, BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${RSS_RECORDER}`.trim() };
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', ...options, env });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  const peaks = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').map((line) => Number(line.split(' ')[1]) / 1024) : [];
  rmSync(dirname(rssFile), { recursive: true, force: true });
  return { wall, rssMiB: peaks.length > 0 ? peaks.reduce((sum, peak) => sum + peak, 0) : NaN, processes: peaks.length, stdout: result.stdout };
}

if (!existsSync(join(BASE, 'dist/src/cli/main.js'))) {
  console.log(`reference build not found at ${BASE}: skipped (see the comment at the top of this file)`);
  process.exit(0);
}

// The report, in whole processes: ours and the reference's alternately.
const reportScript = fileURLToPath(new URL('support/report-process.mjs', import.meta.url));
const reports = { now: [], base: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const [side, root] of [['now', REPO], ['base', BASE]]) {
    const run = whole([reportScript, root]);
    reports[side].push({ ...JSON.parse(run.stdout), wall: run.wall });
  }
}
const pick = (side, key) => median(reports[side].map((run) => run[key]));
console.log(`report 50 × 1,000 with a baseline: median of ${ROUNDS} alternating whole processes`);
for (const [label, key] of [['process wall', 'wall'], ['report step (compare + PDF)', 'reportMs'], ['  compareRuns', 'compareMs'], ['  writePdfReport', 'pdfMs'], ['report CPU (user+sys)', 'reportCpuMs'], ['imports', 'importMs']]) {
  const base = pick('base', key);
  const now = pick('now', key);
  console.log(`  ${label.padEnd(30)} b084810 ${base.toFixed(0).padStart(6)} ms   now ${now.toFixed(0).padStart(6)} ms   ${(base / now).toFixed(2)}× faster`);
}
const reportRss = pick('now', 'rssMiB');
console.log(`  peak RSS                       b084810 ${pick('base', 'rssMiB').toFixed(0).padStart(6)} MiB  now ${reportRss.toFixed(0).padStart(6)} MiB`);
const reportRatio = pick('base', 'reportMs') / pick('now', 'reportMs');
const processRatio = pick('base', 'wall') / pick('now', 'wall');
console.log(`TARGET report 50×1000 (compare + PDF) vs b084810: ${reportRatio.toFixed(2)}× faster (target ≥ 3.40×) ${verdict(reportRatio >= 3.4)}; whole process ${processRatio.toFixed(2)}×`);
console.log(`TARGET report 50×1000 peak RSS: ${reportRss.toFixed(0)} MiB (target ≤ 300 MiB) ${verdict(reportRss <= 300)}`);

// The small run: one CSV of 40 zones through `perf-report generate`, a fresh output each time.
const dir = mkdtempSync(join(tmpdir(), 'perf-report-small-'));
const rows = ['name,src_file,src_line,total_ns,total_perc,counts,mean_ns,min_ns,max_ns,std_ns'];
for (let i = 0; i < 40; i++) {
  const mean = 1000 + i * 977;
  rows.push(`zone ${i},src/f${i % 5}.ts,${10 + i},${mean * 10},2.5,10,${mean},${mean - 100},${mean + 300},50`);
}
writeFileSync(join(dir, 'app.csv'), `${rows.join('\n')}\n`);
const small = { now: [], base: [] };
for (let round = 0; round < ROUNDS + 2; round++) {
  for (const [side, root] of [['now', REPO], ['base', BASE]]) {
    const out = join(dir, `out-${side}-${round}`);
    // Round 0 warms the OS file cache for both builds and is not counted.
    const run = whole([join(root, 'dist/src/cli/main.js'), 'generate', '-i', 'app.csv', '-o', out, '--version', '1.0.0', '--name', 'app'], { cwd: dir });
    if (round > 0) small[side].push(run);
  }
}
rmSync(dir, { recursive: true, force: true });
const smallBase = median(small.base.map((run) => run.wall));
const smallNow = median(small.now.map((run) => run.wall));
const smallRss = median(small.now.map((run) => run.rssMiB));
console.log(`small run: perf-report generate, 1 profile × 40 zones (store, PDF; now also the HTML report), median of ${ROUNDS + 1}`);
console.log(`  whole process                  b084810 ${smallBase.toFixed(0).padStart(6)} ms   now ${smallNow.toFixed(0).padStart(6)} ms   ${(smallBase / smallNow).toFixed(2)}× faster`);
console.log(`  peak RSS, summed over processes b084810 ${median(small.base.map((run) => run.rssMiB)).toFixed(0).padStart(5)} MiB  now ${smallRss.toFixed(0).padStart(6)} MiB (${small.now[0]?.processes ?? '?'} process(es))`);
console.log(`TARGET small run (1×40 generate) vs b084810: ${(smallBase / smallNow).toFixed(2)}× faster (target ≥ 4.00×) ${verdict(smallBase / smallNow >= 4)}`);
console.log(`TARGET small run peak RSS: ${smallRss.toFixed(0)} MiB (target ≤ 100 MiB) ${verdict(smallRss <= 100)}`);

// What each heavy library costs to load, alone in a fresh process (median of 3).
const LOADS = {
  'node (empty process)': '',
  pdfmake: `await import('pdfmake');`,
  'ECharts (core, bar, custom, grid, legend, SVG)': `const e = await import('echarts/core.js'); await import('echarts/lib/chart/bar.js'); await import('echarts/lib/chart/custom.js'); await import('echarts/lib/component/grid.js'); await import('echarts/lib/component/legend.js'); await import('echarts/renderers.js');`,
  'h5wasm (import + ready)': `const h = await import('h5wasm/node'); await h.default.ready;`,
  'fontkit (CommonJS, as pdfkit loads it)': `(await import('node:module')).createRequire(import.meta.url)('fontkit');`,
};
console.log('load cost, each alone in a fresh process (median of 3):');
for (const [label, code] of Object.entries(LOADS)) {
  const source = `const t = performance.now(); ${code} process.stdout.write(String(performance.now() - t));`;
  const runs = Array.from({ length: 3 }, () => whole(['--input-type=module', '-e', source], { cwd: REPO }));
  console.log(`  ${label.padEnd(48)} in-process ${median(runs.map((run) => Number(run.stdout))).toFixed(0).padStart(5)} ms   whole process ${median(runs.map((run) => run.wall)).toFixed(0).padStart(5)} ms`);
}
