// The HTML report opened in a real browser (Debian's chromium through playwright-core).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../../src/compare/compare-runs.js';
import { HistoryBuilder } from '../../../src/compare/history.js';
import { makeProfile } from '../../../src/model/profile.js';
import { generate } from '../../../src/pipeline/generate.js';
import { writeHtmlReport } from '../../../src/render/html/write-html-report.js';
import { launchChromium, openReport, type PageWatch } from '../../support/browser.js';
import { decodePng } from '../../support/png.js';
import { makeRun, ROUNDS_FIXTURE_DIR, zone } from '../../support/tracy-fixture.js';

let browser: Browser;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perf-report-html-'));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The rounds fixtures as three versions: 0.9.0 is 1.0.0 without the zone `sort numbers`. */
function roundsProject(): string {
  const project = join(dir, 'project');
  mkdirSync(join(project, 'exports'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'suite-app', version: '1.1.0' }));
  for (const version of ['1.0.0', '1.1.0']) {
    for (const suffix of ['csv', 'rounds.csv']) copyFileSync(join(ROUNDS_FIXTURE_DIR, `suite.${version}.${suffix}`), join(project, 'exports', `suite.${version}.${suffix}`));
  }
  for (const suffix of ['csv', 'rounds.csv']) {
    const lines = readFileSync(join(ROUNDS_FIXTURE_DIR, `suite.1.0.0.${suffix}`), 'utf8').split('\n');
    writeFileSync(join(project, 'exports', `suite.0.9.0.${suffix}`), lines.filter((line) => !line.includes('sort numbers,src/work.js')).join('\n'));
  }
  return project;
}

const tableNames = (page: Page) => page.$$eval('#zone-table tbody tr[data-id] td.name', (cells) => cells.map((cell) => cell.getAttribute('title')));

/** Points of the history chart's line as ECharts holds them. */
const chartPoints = (page: Page) =>
  page.evaluate(() => {
    const lib = (window as unknown as { echarts: { getInstanceByDom: (element: Element) => { getOption: () => { series: Array<{ data: unknown[] }> } } } }).echarts;
    const chart = lib.getInstanceByDom(document.getElementById('history-chart')!);
    return chart.getOption().series[0]!.data.filter((value) => value !== null).length;
  });

async function search(page: Page, text: string): Promise<void> {
  await page.fill('#zone-search', text);
  // The search runs once typing pauses; the table says which search it shows.
  await page.waitForFunction((query) => document.getElementById('zone-table')?.dataset.query === query, text);
}

describe('the HTML report of a comparison with history (the rounds fixtures, three stored versions)', () => {
  let page: Page;
  let watch: PageWatch;
  let htmlPath: string;
  beforeAll(async () => {
    const project = roundsProject();
    for (const version of ['0.9.0', '1.0.0', '1.1.0']) {
      const result = await generate({ input: join(project, 'exports', `suite.${version}.csv`), outDir: join(project, 'perf'), version, cwd: project, pdf: version === '1.1.0' });
      htmlPath = result.htmlPath!;
    }
    expect(htmlPath).toBe(join(project, 'perf', 'suite-app.1.1.0.html'));
    ({ page, watch } = await openReport(browser, htmlPath));
  });

  it('shows page 1 of the PDF: the title, the verdict counts, the noise line and the top changes', async () => {
    expect(await page.textContent('h1')).toBe('Performance report: suite-app 1.1.0 vs 1.0.0');
    const count = (verdict: string) => page.textContent(`#verdict-counts [data-verdict="${verdict}"] .figure-value`);
    expect(await count('regression')).toBe('5');
    expect(await count('improvement')).toBe('1');
    expect(await page.textContent('.noise')).toMatch(/^Noise: \d+ of 89 zones could confirm a 5% change/);
    // Both runs were stored from CSVs on this machine: nothing about their measuring differs.
    expect(await page.$$('.conditions')).toHaveLength(0);
    const lists = await page.$$eval('.top-list', (sections) => sections.map((section) => [section.querySelector('h3')?.textContent, section.querySelectorAll('tbody tr').length]));
    expect(lists).toEqual([
      ['Worst regressions (5 of 5)', 5],
      ['Best improvements (1 of 1)', 1],
    ]);
    const sortRow = await page.$$eval('.top-table tbody tr', (rows) => rows.map((row) => Array.from((row as HTMLTableRowElement).cells, (cell) => cell.textContent)).find((cells) => cells[1] === 'sort numbers'));
    expect(sortRow).toEqual(['suite', 'sort numbers', 'src/work.js:9', '55.7 µs', '196 µs', '+228%', '< 0.001', '50%']);
    expect(await page.textContent('.platform-table')).toContain('linux-');
  });

  it('filters the zone table by a search (name or file) and by verdict, and sorts by a column', async () => {
    expect(await page.textContent('#table-status')).toBe('89 zones');
    await search(page, 'sort numbers');
    expect(await tableNames(page)).toEqual(['sort numbers']);
    await search(page, 'src/work.js');
    expect((await tableNames(page)).sort()).toEqual(['fnv hash', 'json round trip', 'regex scan', 'sort numbers', 'sum squares']);
    expect(await page.textContent('#table-status')).toBe('5 of 89 zones match');
    // Only the confirmed regressions among them.
    for (const verdict of ['improvement', 'unconfirmed', 'unchanged', 'unjudged', 'new', 'removed']) await page.uncheck(`#verdict-filter input[value="${verdict}"]`);
    expect((await tableNames(page)).sort()).toEqual(['fnv hash', 'sort numbers']);
    for (const verdict of ['improvement', 'unconfirmed', 'unchanged', 'unjudged', 'new', 'removed']) await page.check(`#verdict-filter input[value="${verdict}"]`);
    // Δ, largest first, then smallest first.
    await page.click('#zone-table th.col-delta button');
    expect(await tableNames(page)).toEqual(['sort numbers', 'fnv hash', 'regex scan', 'sum squares', 'json round trip']);
    await page.click('#zone-table th.col-delta button');
    expect((await tableNames(page))[0]).toBe('json round trip');
    expect(await page.getAttribute('#zone-table th.col-delta', 'aria-sort')).toBe('ascending');
  });

  it('draws the history of a clicked zone: one point per stored run it ran in, current and baseline marked', async () => {
    await search(page, 'src/work.js');
    await page.click('#zone-table tbody tr[data-id] td[title="fnv hash"]');
    await page.waitForFunction(() => document.getElementById('history')?.dataset.entry === 'fnv hash');
    expect(await page.getAttribute('#history', 'data-points')).toBe('3');
    expect(await chartPoints(page)).toBe(3);
    const rows = await page.$$eval('.history-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLTableRowElement).cells[0]?.textContent));
    expect(rows).toEqual(['1.1.0 (current)', '1.0.0 (baseline)', '0.9.0']);
    expect(await page.textContent('#history')).toContain('History: 3 stored runs of linux-');
    // Not in 0.9.0: two points.
    await page.click('#zone-table tbody tr[data-id] td[title="sort numbers"]');
    await page.waitForFunction(() => document.getElementById('history')?.dataset.entry === 'sort numbers');
    expect(await chartPoints(page)).toBe(2);
    expect(await page.textContent('#history')).toContain('2 of 3 runs have this zone');
    expect(await page.getAttribute('#zone-table tbody tr.selected td.name', 'title')).toBe('sort numbers');
  });

  it('a row of the top list opens that zone too', async () => {
    await page.click('.top-table tbody tr:has(td[title="json round trip"])');
    await page.waitForFunction(() => document.getElementById('history')?.dataset.entry === 'json round trip');
    expect(await chartPoints(page)).toBe(3);
  });

  it('loads nothing from the network and logs no error', () => {
    expect(watch.requests).toEqual([`file://${htmlPath}`]);
    expect(watch.errors).toEqual([]);
  });

  it('has drawn its chart: the canvas has pixels in several colours', async () => {
    const shot = decodePng(await page.locator('#top-chart').screenshot());
    let inked = 0;
    const colours = new Set<number>();
    for (let i = 0; i < shot.width * shot.height; i++) {
      const [r, g, b] = [shot.rgba[i * 4]!, shot.rgba[i * 4 + 1]!, shot.rgba[i * 4 + 2]!];
      if (r < 235 || g < 235 || b < 235) inked += 1;
      colours.add((r << 16) | (g << 8) | b);
    }
    expect(shot.width).toBeGreaterThan(500);
    expect(inked / (shot.width * shot.height)).toBeGreaterThan(0.03);
    expect(colours.size).toBeGreaterThan(10);
  });
});

const HOSTILE_NAMES = [
  '</script><img src=x onerror="window.__pwned=1">',
  '<b>bold</b> & "quotes" \'single\'',
  'unicode > µs → 日本語 ✓ 한국어 😀🚀',
  `long ${'x'.repeat(4096)} end`,
  '<!-- <script>window.__pwned=2</script>',
  'optional param maxWaitMs',
];

describe('hostile zone names, in both encodings of the data', () => {
  for (const encoding of ['json', 'gzip-base64'] as const) {
    it(`${encoding}: shows every name as text, runs nothing, and keeps 10,000 zones scrolling with few rows in the DOM`, async () => {
      const zones = HOSTILE_NAMES.map((name, index) => zone(name, { srcLine: index + 1, totalNs: 9e9 - index, srcFile: index === 5 ? 'src/a.ts' : 'src/<evil>.ts' }));
      // Two zones of one name from two files: the chart labels tell them apart.
      zones.push(zone('optional param maxWaitMs', { srcFile: 'src/b.ts', srcLine: 7, totalNs: 8e9 }));
      const big = Array.from({ length: 10_000 }, (_, i) => zone(`suite > case ${i}`, { srcFile: `test/f${i % 250}.test.ts`, srcLine: i, totalNs: 1e6 + i }));
      const current = makeRun('2.0.0', [makeProfile('hostile </script>', 'h.csv', zones), makeProfile('big', 'b.csv', big)], { processor: 'CPU <b>B</b>' });
      const baseline = makeRun('1.0.0', [makeProfile('hostile </script>', 'h.csv', zones.map((z) => ({ ...z, meanNs: z.meanNs * 1.2 })))], { processor: HOSTILE_NAMES[0] });
      const comparison = compareRuns(current, baseline);
      const builder = new HistoryBuilder(comparison, [
        { version: '1.0.0', timestamp: 1, rounds: 1 },
        { version: '2.0.0', timestamp: 2, rounds: 1 },
      ]);
      builder.add(0, baseline);
      builder.add(1, current);
      const history = builder.finish({ currentIndex: 1, baselineIndex: 0, omittedRuns: 0, limit: 30, unreadable: [] });
      const outFile = join(dir, `hostile-${encoding}.html`);
      const written = await writeHtmlReport({ projectName: 'app </title><script>', current, baseline, comparison, history, outFile, ...(encoding === 'json' ? {} : { plainDataLimit: 0 }) });
      expect(written.encoding).toBe(encoding);
      expect(statSync(outFile).size).toBe(written.bytes);

      const { page, watch } = await openReport(browser, outFile);
      try {
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
        expect(await page.$$eval('img, b, script:not([id]):not([src])', (elements) => elements.map((element) => element.tagName))).toEqual(['SCRIPT', 'SCRIPT']);
        await page.selectOption('#profile-select', '0');
        const titles = await tableNames(page);
        for (const name of HOSTILE_NAMES) expect(titles).toContain(name);
        await search(page, '</script><img');
        expect(await tableNames(page)).toEqual([HOSTILE_NAMES[0]]);
        await page.click('#zone-table tbody tr[data-id] td.name');
        await page.waitForFunction((name) => document.getElementById('history')?.dataset.entry === name, HOSTILE_NAMES[0]);
        expect(await page.textContent('.history-name')).toBe(HOSTILE_NAMES[0]);
        expect(await page.title()).toBe('Performance report: app </title><script> 2.0.0 vs 1.0.0');
        // The runs ran on two CPUs, whose names are text too.
        expect(await page.textContent('.conditions')).toBe(`Measured under other conditions than the baseline (CPU ${HOSTILE_NAMES[0]} → CPU <b>B</b>): a change may come from them rather than from the code.`);

        // The tooltip is built as DOM: the name is its text.
        await page.evaluate(() => {
          const lib = (window as unknown as { echarts: { getInstanceByDom: (element: Element) => { dispatchAction: (action: object) => void } } }).echarts;
          lib.getInstanceByDom(document.getElementById('top-chart')!).dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: 0 });
        });
        await page.waitForSelector('#top-chart .tip-name');
        expect(await page.textContent('#top-chart .tip-name')).toBe(HOSTILE_NAMES[0]);
        const labels = await page.evaluate(() => {
          const lib = (window as unknown as { echarts: { getInstanceByDom: (element: Element) => { getOption: () => { yAxis: Array<{ data: string[] }> } } } }).echarts;
          return lib.getInstanceByDom(document.getElementById('top-chart')!).getOption().yAxis[0]!.data;
        });
        expect(labels).toContain('6. optional param maxWaitMs · src/a.ts');
        expect(labels).toContain('7. optional param maxWaitMs · src/b.ts');

        await search(page, '');
        await page.selectOption('#profile-select', '1');
        expect(await page.textContent('#table-status')).toBe('10,000 zones');
        expect(await page.$$eval('#zone-table tbody tr', (rows) => rows.length)).toBeLessThan(120);
        await page.$eval('#table-status', () => {
          const scroller = document.getElementById('zone-table')!;
          scroller.scrollTop = scroller.scrollHeight;
        });
        await page.waitForFunction(() => Array.from(document.querySelectorAll('#zone-table tbody tr[data-id] td:first-child')).some((cell) => cell.textContent === '10000'));
        expect(await page.$$eval('#zone-table tbody tr', (rows) => rows.length)).toBeLessThan(120);
        expect(watch.requests).toEqual([`file://${outFile}`]);
        expect(watch.errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});
