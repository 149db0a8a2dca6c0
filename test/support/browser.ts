// Headless Chromium for the HTML report's tests: Debian's own build, never a downloaded one.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Flags: root needs --no-sandbox; the rest keep Chromium from talking to the network on its own
 * (update checks, sync, field trials), so a request seen by a test is the page's. Playwright
 * gives every launch a fresh temporary profile.
 */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the HTML report is tested in Debian's chromium (apt-get install chromium; .ci/run does)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** What a page did while it was open: every request, console errors and uncaught exceptions. */
export interface PageWatch {
  requests: string[];
  errors: string[];
}

export async function openReport(browser: Browser, file: string, viewport = { width: 1500, height: 1000 }): Promise<{ page: Page; watch: PageWatch }> {
  const page = await browser.newPage({ viewport });
  const watch: PageWatch = { requests: [], errors: [] };
  page.on('request', (request) => watch.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  await page.goto(`file://${file}`);
  await page.waitForFunction(() => document.documentElement.dataset.perfReport !== undefined && document.documentElement.dataset.firstChart === 'drawn', null, {
    // A page that cannot start (broken data) never gets there: fail in reasonable time.
    timeout: 30_000,
  });
  return { page, watch };
}
