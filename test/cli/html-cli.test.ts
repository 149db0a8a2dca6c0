import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { cliPath, roundsFixtures } from '../support/fixtures.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

function perfReport(args: string[], cwd: string) {
  return execa(process.execPath, [cliPath, ...args], { cwd, reject: false, env: { NO_COLOR: '1' } });
}

function project(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@scope/sample-app', version: '1.0.0' }));
  mkdirSync(join(dir, 'exports'));
  for (const file of ['suite.1.0.0.csv', 'suite.1.0.0.rounds.csv', 'suite.1.1.0.csv', 'suite.1.1.0.rounds.csv']) copyFileSync(join(roundsFixtures, file), join(dir, 'exports', file));
  return dir;
}

describe('perf-report generate --html / --no-html', () => {
  it('writes <name>.<version>.html beside the PDF by default, and says where', async () => {
    const dir = project();
    expect((await perfReport(['generate', '-i', 'exports/suite.1.0.0.csv', '-o', 'perf', '--version', '1.0.0'], dir)).exitCode).toBe(0);
    const second = await perfReport(['generate', '-i', 'exports/suite.1.1.0.csv', '-o', 'perf', '--version', '1.1.0', '--html'], dir);
    expect(second.exitCode).toBe(0);
    const html = join(dir, 'perf', 'scope-sample-app.1.1.0.html');
    expect(second.stdout).toContain(`html report: ${html}`);
    const page = readFileSync(html, 'utf8');
    expect(page.startsWith('<!doctype html>')).toBe(true);
    const data = JSON.parse(/<script type="application\/json" id="perf-report-data">(.*?)<\/script>/s.exec(page)![1]!);
    expect(data.title).toBe('Performance report: @scope/sample-app 1.1.0 vs 1.0.0');
    expect(data.history.runs.map((run: { version: string }) => run.version)).toEqual(['1.0.0', '1.1.0']);
  });

  it('--no-html writes the PDF only', async () => {
    const dir = project();
    const result = await perfReport(['generate', '-i', 'exports/suite.1.0.0.csv', '-o', 'perf', '--version', '1.0.0', '--no-html'], dir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain('html report');
    expect(existsSync(join(dir, 'perf', 'scope-sample-app.1.0.0.pdf'))).toBe(true);
    expect(existsSync(join(dir, 'perf', 'scope-sample-app.1.0.0.html'))).toBe(false);
  });
});
