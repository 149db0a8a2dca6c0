// One whole report in its own process, from the build at argv[2] (a package root with dist/):
// compareRuns and writePdfReport on the bench's 50 × 1,000 runs with a baseline. Prints JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { reportRuns } from './report-runs.mjs';

const root = resolve(process.argv[2] ?? '.');
const profiles = Number(process.argv[3] ?? 50);
const zones = Number(process.argv[4] ?? 1000);
const from = (path) => import(pathToFileURL(join(root, 'dist/src', path)).href);
const started = performance.now();
const { compareRuns } = await from('compare/index.js');
const { writePdfReport } = await from('render/pdf/write-pdf-report.js');
const imported = performance.now();
const { current, baseline } = reportRuns(profiles, zones);
const dir = mkdtempSync(join(tmpdir(), 'perf-report-bench-'));
const cpuBefore = process.cpuUsage();
const begin = performance.now();
const comparison = compareRuns(current, baseline);
const compared = performance.now();
const result = await writePdfReport({ projectName: 'bench', current, baseline, comparison, outFile: join(dir, 'bench.1.1.0.pdf') });
const written = performance.now();
const cpu = process.cpuUsage(cpuBefore);
rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({
  importMs: imported - started,
  compareMs: compared - begin,
  pdfMs: written - compared,
  reportMs: written - begin,
  reportCpuMs: (cpu.user + cpu.system) / 1000,
  pages: result.pages,
  rssMiB: process.resourceUsage().maxRSS / 1024,
}));
