// The HTML report of 50 profiles × 1,000 zones with a baseline (issue 12): how long it takes to
// write beside the PDF of the same comparison, how large it is, and how soon a browser draws its
// first chart. Targets: HTML ≤ 25 % of the PDF's time, ≤ 5 MB, first chart ≤ 2 s in headless
// Chromium. Runs against dist/ (`npm run bench -- html` builds first); BENCH_PROFILES and
// BENCH_ZONES change the size, BENCH_OUT=path keeps the page. Needs Debian's chromium for the
// last figure (skipped with a note without it).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportRuns } from './support/report-runs.mjs';

const { compareRuns } = await import('../dist/src/compare/index.js');
const { writePdfReport } = await import('../dist/src/render/pdf/write-pdf-report.js');
const { writeHtmlReport } = await import('../dist/src/render/html/write-html-report.js');
const { loadHistory } = await import('../dist/src/pipeline/history.js');
const { ProfileStorage } = await import('../dist/src/store/profile-storage.js');

const PROFILES = Number(process.env.BENCH_PROFILES ?? 50);
const ZONES = Number(process.env.BENCH_ZONES ?? 1000);
const CHROMIUM = '/usr/bin/chromium';

const { current, baseline } = reportRuns(PROFILES, ZONES);
const comparison = compareRuns(current, baseline);
const dir = mkdtempSync(join(tmpdir(), 'perf-report-bench-'));
const within = (ok) => (ok ? 'within' : 'OVER');
const ms = (value) => `${Math.round(value)} ms`;

try {
  // The history as generate loads it: both runs stored, read back from profiles.h5.
  const storage = new ProfileStorage(join(dir, 'profiles.h5'));
  await storage.save(baseline);
  await storage.save(current);
  let started = performance.now();
  const history = await loadHistory({ storage, current, baseline, comparison });
  const historyMs = performance.now() - started;

  started = performance.now();
  const pdf = await writePdfReport({ projectName: 'bench', current, baseline, comparison, history, outFile: join(dir, 'bench.1.1.0.pdf') });
  const pdfMs = performance.now() - started;

  const htmlFile = process.env.BENCH_OUT ?? join(dir, 'bench.1.1.0.html');
  started = performance.now();
  const html = await writeHtmlReport({ projectName: 'bench', current, baseline, comparison, history, outFile: htmlFile });
  const htmlMs = performance.now() - started;

  const ratio = htmlMs / pdfMs;
  const megabytes = html.bytes / 1e6;
  console.log(`profiles × zones        ${PROFILES} × ${ZONES} (with baseline), history of ${history.runs.length} runs`);
  console.log(`history from profiles.h5 ${ms(historyMs)} (not part of the HTML time)`);
  console.log(`PDF write               ${ms(pdfMs)} (${pdf.pages} pages)`);
  console.log(`HTML write              ${ms(htmlMs)} = ${(ratio * 100).toFixed(1)} % of the PDF's time (target ≤ 25 %: ${within(ratio <= 0.25)})`);
  console.log(`HTML size               ${megabytes.toFixed(2)} MB, data ${html.encoding} (target ≤ 5 MB: ${within(megabytes <= 5)})`);

  if (!existsSync(CHROMIUM)) {
    console.log(`first chart drawn       not measured: no ${CHROMIUM} (apt-get install chromium)`);
  } else {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    try {
      const times = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
        await page.goto(`file://${htmlFile}`);
        await page.waitForFunction(() => document.documentElement.dataset.firstChart === 'drawn', null, { timeout: 60_000 });
        // Milliseconds from the start of navigation, as the page measured them.
        times.push(await page.evaluate(() => window.perfReportTimings.firstChartMs));
        await page.close();
      }
      const best = Math.min(...times);
      console.log(`first chart drawn       ${ms(best)} after navigation (best of ${times.map(ms).join(', ')}; target ≤ 2 s: ${within(best <= 2000)})`);
    } finally {
      await browser.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
