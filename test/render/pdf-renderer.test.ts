import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { makeProfile } from '../../src/model/profile.js';
import { REPO, buildOnce } from '../support/build.js';
import { pdfPages } from '../support/pdf-tools.js';
import { makeRun, zone } from '../support/tracy-fixture.js';

// The renderer process runs the compiled entry: the test loads the build, as the runners do.
type RendererModule = typeof import('../../src/render/pdf/pdf-renderer.js');
type WriterModule = typeof import('../../src/render/pdf/write-pdf-report.js');
const built = (path: string) => pathToFileURL(join(REPO, 'dist/src', path)).href;
let pdfRendererPid: RendererModule['pdfRendererPid'];
let renderPdfReportInRenderer: RendererModule['renderPdfReportInRenderer'];
let startPdfRenderer: RendererModule['startPdfRenderer'];
let renderPdfReport: WriterModule['renderPdfReport'];
beforeAll(async () => {
  buildOnce();
  ({ pdfRendererPid, renderPdfReportInRenderer, startPdfRenderer } = (await import(built('render/pdf/pdf-renderer.js'))) as RendererModule);
  ({ renderPdfReport } = (await import(built('render/pdf/write-pdf-report.js'))) as WriterModule);
});

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'perf-report-pdf-renderer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function reportInput(outFile: string) {
  const names = ['parse > 日本語の名前', 'render > plain', 'emoji 😀 zone', ...Array.from({ length: 40 }, (_, index) => `suite > case ${index}`)];
  const stats = (scale: number) => names.map((name, index) => zone(name, { srcLine: index + 1, totalNs: (1e9 - index * 1e6) * scale, meanNs: 1e6 * scale }));
  const baseline = makeRun('1.0.0', [makeProfile('app', 'a.csv', stats(1))]);
  const current = makeRun('1.1.0', [makeProfile('app', 'a.csv', stats(1.2))]);
  return { projectName: 'app', current, baseline, comparison: compareRuns(current, baseline), outFile };
}

async function pagesOf(pdf: Buffer, name: string): Promise<string[]> {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return pdfPages(file);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 100 && isRunning(pid); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
  return !isRunning(pid);
}

describe('the PDF renderer process', () => {
  it('renders a report in a process of its own: the same pages, fallback font and missing glyphs as in this process', async () => {
    startPdfRenderer();
    const pid = pdfRendererPid();
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);
    const input = reportInput(join(dir, 'named.pdf'));
    const there = await renderPdfReportInRenderer(input).rendered;
    const here = await renderPdfReport(input);
    expect(pdfRendererPid()).toBe(pid);
    expect(there.result).toEqual(here.result);
    expect(there.result.missingGlyphs).toContain(0x1f600);
    const [therePages, herePages] = [await pagesOf(there.pdf, 'there.pdf'), await pagesOf(here.pdf, 'here.pdf')];
    expect(therePages).toEqual(herePages);
    expect(therePages.join('\n')).toContain('日本語の名前');
  });

  it('a renderer lost before it answers: the report is rendered in this process instead', async () => {
    startPdfRenderer();
    const pid = pdfRendererPid() as number;
    const rendering = renderPdfReportInRenderer(reportInput(join(dir, 'lost.pdf'))).rendered;
    process.kill(pid, 'SIGKILL');
    const rendered = await rendering;
    expect(pdfRendererPid()).toBeUndefined();
    expect((await pagesOf(rendered.pdf, 'lost.pdf')).join('\n')).toContain('Profile: app');
    // The next report starts a new renderer.
    startPdfRenderer();
    expect(pdfRendererPid()).toBeGreaterThan(0);
    expect(pdfRendererPid()).not.toBe(pid);
  });

  it('keeps no process alive: its parent exits when its own work is done, and the renderer ends with it', async () => {
    const script = join(dir, 'parent.mjs');
    const entry = join(REPO, 'dist/src/render/pdf/pdf-renderer.js');
    writeFileSync(script, `import { pdfRendererPid, startPdfRenderer } from ${JSON.stringify(entry)};\nstartPdfRenderer();\nconsole.log(pdfRendererPid());\n`);
    const { stdout } = await run(process.execPath, [script], { timeout: 30_000 });
    const child = Number(stdout.trim());
    expect(child).toBeGreaterThan(0);
    expect(await gone(child)).toBe(true);
  });
});
