// Verdicts a user can trust: how often `perf-report ab` confirms a change that is not there
// (A/A, with one extra busy process beside the suite the whole time), how often it confirms one
// that is (five user zones made slower with more real work), whether the printed detectable
// change is an honest promise, the same for history mode (separate runs compared with the
// previous one), and what ab costs against plain runs. Run after `npm run build`.
//
// Trial counts (environment): BENCH_AA (20), BENCH_AB20 (10), BENCH_AB50 (4), BENCH_AB20_BUSY (4),
// BENCH_HISTORY (10 runs), BENCH_ROUNDS (10 a side). BENCH_QUICK=1 runs a few of each.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, SCALED_ZONES, createVerdictProject, git, writeScale } from './support/verdict-suite.mjs';

const quick = process.env.BENCH_QUICK === '1';
const count = (name, normal, short) => Number(process.env[name] ?? (quick ? short : normal));
const ROUNDS = count('BENCH_ROUNDS', 10, 10);
const TRIALS = {
  aa: count('BENCH_AA', 20, 3),
  ab20: count('BENCH_AB20', 10, 2),
  ab50: count('BENCH_AB50', 4, 1),
  ab20busy: count('BENCH_AB20_BUSY', 4, 1),
  history: count('BENCH_HISTORY', 10, 3),
};
const CLI = join(REPO, 'dist/src/cli/main.js');
const VITEST = join(REPO, 'node_modules/vitest/vitest.mjs');
const SCALE_ALL = (factor) => ({ hash: factor, squares: factor, sort: factor, json: factor, regex: factor });
/** The zones the scaled work runs in: the user zones, the tests that call them, their suites and files. */
const CONTAINING = /^(calls \w+ 150 times|file [0-4]|file [0-4] > calls \w+ 150 times|run test\/file[0-4]\.test\.js)$/;

const project = createVerdictProject();
const env = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PERF_'))), PERF_BACKEND: 'embedded' };
let busy;

function startBusy() {
  busy = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
}
function stopBusy() {
  busy?.kill('SIGKILL');
  busy = undefined;
}

/** One `perf-report ab --base HEAD` with the working tree scaled as given; returns the JSON verdict and wall ms. */
function ab(scale, label) {
  writeScale(project, scale);
  const out = join(project, `perf-${label}`);
  rmSync(out, { recursive: true, force: true });
  const summary = join(out, 'verdict.json');
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, 'ab', '--base', 'HEAD', '--perf-rounds', String(ROUNDS), '-o', out, '--summary-json', summary], {
    cwd: project,
    env,
    encoding: 'utf8',
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`ab failed (${result.status}):\n${result.stderr.slice(-2000)}`);
  return { verdict: JSON.parse(readFileSync(summary, 'utf8')), wallMs };
}

const confirmed = (zone) => zone.verdict === 'regression' || zone.verdict === 'improvement';
const matched = (verdict) => verdict.zones.filter((zone) => zone.verdict !== 'new' && zone.verdict !== 'removed');

function aaFigures(trials) {
  let withAlarm = 0;
  let alarms = 0;
  let comparisons = 0;
  for (const { verdict } of trials) {
    const zones = matched(verdict);
    comparisons += zones.length;
    const hits = zones.filter(confirmed).length;
    alarms += hits;
    if (hits > 0) withAlarm += 1;
  }
  return { withAlarm, trials: trials.length, alarms, comparisons };
}

function abFigures(trials, injectedPercent) {
  let scaled = 0;
  let regressions = 0;
  let improvements = 0;
  let others = 0;
  let otherAlarms = 0;
  const calibration = { belowMde: 0, belowMdeConfirmed: 0, aboveMde: 0, aboveMdeConfirmed: 0 };
  // Power depends most on whether a zone's rounds fell into two JIT speed levels.
  const bySpeedLevels = { one: { scaled: 0, regressions: 0 }, two: { scaled: 0, regressions: 0 } };
  for (const { verdict } of trials) {
    for (const zone of matched(verdict)) {
      if (SCALED_ZONES.includes(zone.name)) {
        scaled += 1;
        if (zone.verdict === 'regression') regressions += 1;
        const levels = zone.modes ? bySpeedLevels.two : bySpeedLevels.one;
        levels.scaled += 1;
        if (zone.verdict === 'regression') levels.regressions += 1;
        if (zone.verdict === 'improvement') improvements += 1;
        const promised = zone.mdePercent !== null && zone.mdePercent < injectedPercent;
        if (promised) {
          calibration.belowMde += 1;
          if (zone.verdict === 'regression') calibration.belowMdeConfirmed += 1;
        } else {
          calibration.aboveMde += 1;
          if (zone.verdict === 'regression') calibration.aboveMdeConfirmed += 1;
        }
      } else if (!CONTAINING.test(zone.name)) {
        others += 1;
        if (confirmed(zone)) otherAlarms += 1;
      }
    }
  }
  return { scaled, regressions, improvements, others, otherAlarms, calibration, bySpeedLevels };
}

const pct = (part, whole) => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(part === 0 || part === whole ? 0 : 1)}%`);
const verdictOf = (ok) => (ok ? 'within' : 'OVER');
const runs = { aa: [], ab20: [], ab50: [], ab20busy: [] };

console.log(`verdict bench: ${ROUNDS} rounds a side, suite of 60 tests / ~89 zones, five user zones of 150 calls per round`);
console.log(`machine load at start: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);

startBusy();
try {
  for (let i = 0; i < TRIALS.aa; i++) runs.aa.push(ab(SCALE_ALL(1), `aa-${i}`));
} finally {
  stopBusy();
}
for (let i = 0; i < TRIALS.ab20; i++) runs.ab20.push(ab(SCALE_ALL(1.2), `ab20-${i}`));
for (let i = 0; i < TRIALS.ab50; i++) runs.ab50.push(ab(SCALE_ALL(1.5), `ab50-${i}`));
startBusy();
try {
  for (let i = 0; i < TRIALS.ab20busy; i++) runs.ab20busy.push(ab(SCALE_ALL(1.2), `ab20busy-${i}`));
} finally {
  stopBusy();
}
writeScale(project, SCALE_ALL(1));

const aa = aaFigures(runs.aa);
console.log('\nA/A, one busy process beside the suite:');
console.log(`  comparisons with any confirmed change   ${aa.withAlarm} of ${aa.trials}   target ≤ 1 of 20: ${verdictOf(aa.withAlarm / Math.max(1, aa.trials) <= 1 / 20)}`);
console.log(`  zone comparisons confirmed               ${aa.alarms} of ${aa.comparisons} (${pct(aa.alarms, aa.comparisons)})   target ≤ 0.1%: ${verdictOf(aa.alarms <= 0.001 * aa.comparisons)}`);

for (const [label, trials, injected, target] of [
  ['A/B +20%, quiet', runs.ab20, 20, 0.9],
  ['A/B +50%, quiet', runs.ab50, 50, 0.99],
  ['A/B +20%, one busy process', runs.ab20busy, 20, undefined],
]) {
  const f = abFigures(trials, injected);
  console.log(`\n${label} (${trials.length} comparisons):`);
  const confirmedLine = `  scaled zones confirmed as regressions    ${f.regressions} of ${f.scaled} (${pct(f.regressions, f.scaled)})`;
  console.log(target === undefined ? `${confirmedLine}   (reported, no target)` : `${confirmedLine}   target ≥ ${target * 100}%: ${verdictOf(f.regressions >= target * f.scaled)}`);
  console.log(`  scaled zones called improvements         ${f.improvements}   target 0: ${verdictOf(f.improvements === 0)}`);
  const { one, two } = f.bySpeedLevels;
  console.log(`  confirmed, zones at one speed level     ${one.regressions} of ${one.scaled} (${pct(one.regressions, one.scaled)}); at two (JIT modes) ${two.regressions} of ${two.scaled} (${pct(two.regressions, two.scaled)})`);
  console.log(`  false alarms among the other zones       ${f.otherAlarms} of ${f.others} (${pct(f.otherAlarms, f.others)})`);
  const c = f.calibration;
  console.log(`  calibration: detectable below +${injected}%: confirmed ${c.belowMdeConfirmed} of ${c.belowMde} (${pct(c.belowMdeConfirmed, c.belowMde)})   target ≥ 90%: ${verdictOf(c.belowMde === 0 || c.belowMdeConfirmed >= 0.9 * c.belowMde)}`);
  console.log(`               detectable above +${injected}%: confirmed ${c.aboveMdeConfirmed} of ${c.aboveMde} (not promised)`);
}

// History mode: separate runs stored one after another, each compared with the previous one.
const historyOut = join(project, 'perf-history');
rmSync(historyOut, { recursive: true, force: true });
mkdirSync(historyOut, { recursive: true });
const history = [];
for (let i = 0; i <= TRIALS.history; i++) {
  const summary = join(historyOut, `verdict-${i}.json`);
  const result = spawnSync(
    process.execPath,
    [CLI, 'vitest', '--perf-rounds', String(ROUNDS), '--perf-version', `1.0.${i}`, '--perf-output', historyOut, '--summary-json', summary],
    { cwd: project, env, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`history run ${i} failed:\n${result.stderr.slice(-2000)}`);
  if (i > 0) history.push({ verdict: JSON.parse(readFileSync(summary, 'utf8')) });
}
const h = aaFigures(history);
console.log(`\nhistory mode, A/A (each of ${h.trials} runs against the previous, stored separately):`);
console.log(`  comparisons with any confirmed change   ${h.withAlarm} of ${h.trials}   target ≤ 5 of 20: ${verdictOf(h.withAlarm / Math.max(1, h.trials) <= 5 / 20)}`);
console.log(`  zone comparisons confirmed               ${h.alarms} of ${h.comparisons} (${pct(h.alarms, h.comparisons)})   target ≤ 1%: ${verdictOf(h.alarms <= 0.01 * h.comparisons)}`);

// Cost: ab against the same number of plain runs of each side.
const plainStart = performance.now();
for (let i = 0; i < 2 * ROUNDS; i++) execFileSync(process.execPath, [VITEST, 'run'], { cwd: project, env, stdio: 'ignore' });
const plainMs = performance.now() - plainStart;
const abMs = [...runs.ab20, ...runs.ab50].map((run) => run.wallMs).sort((a, b) => a - b)[0] ?? Number.NaN;
console.log(`\ncost: ab --perf-rounds ${ROUNDS} ${(abMs / 1000).toFixed(1)} s vs ${2 * ROUNDS} plain vitest runs ${(plainMs / 1000).toFixed(1)} s: ${(abMs / plainMs).toFixed(2)}×`);
console.log(`machine load at end: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
git(project, ['status', '--short']);
rmSync(project, { recursive: true, force: true });
