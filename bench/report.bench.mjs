// The report: 50 profiles × 1,000 zones, compared with a baseline, to PDF.
// Runs against the compiled output: `npx tsc -p tsconfig.json && node bench/report.bench.mjs`
// (BENCH_PROFILES and BENCH_ZONES change the size).
// Prints wall time per phase and the process's peak RSS. Target: ≤ 3 s wall on a 2-core machine.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportRuns } from './support/report-runs.mjs';

const started = performance.now();
const { compareRuns } = await import('../dist/src/compare/index.js');
const { writePdfReport } = await import('../dist/src/render/pdf/write-pdf-report.js');
const imported = performance.now();

const PROFILES = Number(process.env.BENCH_PROFILES ?? 50);
const ZONES = Number(process.env.BENCH_ZONES ?? 1000);

// The same synthetic runs as the HTML and baseline benches: every 50th zone 30 % slower, every
// 70th 25 % faster, the rest unchanged.
const { baseline, current } = reportRuns(PROFILES, ZONES);
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
