import type { RunComparison } from '../../compare/comparison.js';
import type { RunHistory } from '../../compare/history.js';
import { workError } from '../../errors.js';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import type { StoredRun } from '../../model/run.js';
import { echartsSource } from './echarts-source.js';
import { DATA_ELEMENT_ID, embedData, escapeHtml, inlineScript, PLAIN_DATA_LIMIT, scriptHash, type EmbeddedData } from './embed.js';
import { pageData } from './page-data.js';
import { pageScript } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';

export interface HtmlReportInput {
  projectName: string;
  current: StoredRun;
  baseline?: StoredRun;
  comparison: RunComparison;
  /** Every entry's points over the stored runs (see `pipeline/history.ts`). */
  history: RunHistory;
  outFile: string;
  /** Above this many characters of JSON the data is stored gzipped (default `PLAIN_DATA_LIMIT`). */
  plainDataLimit?: number;
}

export interface HtmlReportResult {
  bytes: number;
  encoding: EmbeddedData['encoding'];
}

/**
 * The page as one string. Nothing in it is fetched when it opens: ECharts, the script, the
 * styles and the data are inline, and the Content-Security-Policy allows only these two
 * scripts (by hash) and no network source at all, so that even a name that got past the
 * escaping could neither run nor load anything.
 */
export function htmlReport(input: Omit<HtmlReportInput, 'outFile'>): { html: string; encoding: EmbeddedData['encoding'] } {
  const data = embedData(pageData(input), input.plainDataLimit ?? PLAIN_DATA_LIMIT);
  const echarts = echartsSource();
  const script = pageScript();
  const policy = [
    "default-src 'none'",
    `script-src ${scriptHash(echarts)} ${scriptHash(script)}`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = escapeHtml(`perf-report: ${input.projectName} ${input.comparison.currentVersion}`);
  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="perf-report">',
    `<title>${title}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main id="app"><p class="note">Loading the report…</p><noscript><p>This report needs JavaScript to show its tables and charts.</p></noscript></main>',
    `<footer><div class="wrap">Written by perf-report. One self-contained file: it loads nothing from the network; its data is the JSON in the element #${DATA_ELEMENT_ID}.</div></footer>`,
    data.element,
    inlineScript(echarts),
    inlineScript(script),
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { html, encoding: data.encoding };
}

/** Writes the HTML report next to the PDF, atomically. */
export async function writeHtmlReport(input: HtmlReportInput): Promise<HtmlReportResult> {
  let page: ReturnType<typeof htmlReport>;
  try {
    page = htmlReport(input);
  } catch (error) {
    throw workError(input.outFile, `the HTML report could not be built: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  const bytes = Buffer.from(page.html, 'utf8');
  try {
    await writeFileAtomic(input.outFile, bytes);
  } catch (error) {
    throw workError(input.outFile, `the HTML report could not be written: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  return { bytes: bytes.length, encoding: page.encoding };
}
