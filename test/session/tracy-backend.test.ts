import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { VITEST_BIN, VITEST_FIXTURE, buildOnce } from '../support/build.js';
import type { FakeCaptureFile } from '../support/fake-tracy/capture-file.js';
import { installFakeTracyTools, type FakeTracyTools } from '../support/fake-tracy/fake-tools.js';
import { type CsvRow, readZoneCsv, removeTempDirs, runIn, tempDir } from '../support/fixture-run.js';

/**
 * The Vitest fixture run through the Tracy path, with the fake tracy-capture and
 * tracy-csvexport on PATH (CI has no Tracy): the run streams live into the capture and what
 * its export holds must be what the embedded collector records.
 */

let tools: FakeTracyTools;
/** PATH without any real Tracy tools: only Node's own directory. */
const BARE_PATH = dirname(process.execPath);

beforeAll(() => {
  buildOnce();
  tools = installFakeTracyTools();
});

afterAll(() => {
  tools.remove();
  removeTempDirs();
});

function perfRun(out: string, env: NodeJS.ProcessEnv) {
  return runIn(VITEST_FIXTURE, [VITEST_BIN, 'run', '--pool=forks', '--', '--perf', '--perf-output', out], {
    TRACY_CAPTURE: '',
    TRACY_CSVEXPORT: '',
    PERF_BACKEND: 'auto',
    ...env,
  });
}

/** What both backends must agree on: name, file, line and count of every zone. */
function zoneKeys(rows: CsvRow[]): string[] {
  return rows.map((row) => `${row.name} | ${row.src_file}:${row.src_line} | ${row.counts}`).sort();
}

async function storedBackend(out: string): Promise<string> {
  const storage = new ProfileStorage(join(out, 'profiles.h5'));
  const [platform] = await storage.listPlatforms('1.2.3');
  return (await storage.loadRun('1.2.3', platform as string)).meta.backend;
}

describe('vitest perf run with Tracy', () => {
  it('auto-selects Tracy on PATH, streams into tracy-capture and stores the same zones as the embedded collector', async () => {
    const out = tempDir('tracy');
    const run = perfRun(out, { PATH: `${tools.binDir}${delimiter}${BARE_PATH}` });
    expect(run.status, run.output).toBe(1);
    expect(run.output).toContain(`(Tracy capture ${join(out, 'vitest-fixture.1.2.3.tracy')};`);
    const tracyCsv = readZoneCsv(out);
    expect(tracyCsv.file).toBe('vitest-fixture.1.2.3.csv');
    expect(await storedBackend(out)).toBe('tracy');

    const capture = JSON.parse(readFileSync(join(out, 'vitest-fixture.1.2.3.tracy'), 'utf8')) as FakeCaptureFile;
    expect(capture.ending).toBe('finished');
    expect(capture.errors).toEqual([]);
    const names = capture.threads.map((thread) => thread.name);
    expect(names).toContain('vitest worker 1');
    // The two concurrent tests run on lanes of their own.
    expect(names.some((name) => /^vitest worker \d+ · concurrent \d+$/.test(name ?? ''))).toBe(true);

    const embeddedOut = tempDir('tracy-embedded');
    const embedded = perfRun(embeddedOut, { PERF_BACKEND: 'embedded', PATH: `${tools.binDir}${delimiter}${BARE_PATH}` });
    expect(embedded.status, embedded.output).toBe(1);
    expect(embedded.output).toMatch(/\(embedded collector; /);
    expect(readdirSync(embeddedOut).some((name) => name.endsWith('.tracy'))).toBe(false);
    const embeddedRows = readZoneCsv(embeddedOut).rows;
    expect(embeddedRows.length).toBeGreaterThan(20);
    expect(zoneKeys(tracyCsv.rows)).toEqual(zoneKeys(embeddedRows));
  });

  it('without Tracy, auto records with the embedded collector and says so in its one line', () => {
    const out = tempDir('no-tracy');
    const run = perfRun(out, { PATH: BARE_PATH });
    expect(run.status, run.output).toBe(1);
    // The run's one line, then the comparison's summary (here: nothing to compare yet).
    const ours = run.output.split('\n').filter((line) => line.includes('perf-report:'));
    expect(ours).toEqual([expect.stringContaining('(embedded collector (Tracy not found: no tracy-capture on PATH, no tracy-csvexport on PATH);'), 'perf-report: vitest-fixture 1.2.3']);
    expect(existsSync(join(out, 'vitest-fixture.1.2.3.csv'))).toBe(true);
  });

  it('PERF_BACKEND=tracy without Tracy stops the run before any test', () => {
    const out = tempDir('forced');
    const run = perfRun(out, { PERF_BACKEND: 'tracy', PATH: BARE_PATH });
    // Bad input: exit 2, and one line of ours instead of the runner's "Unhandled Error" with a stack.
    expect(run.status, run.output).toBe(2);
    const ours = run.output.split('\n').filter((line) => line.includes('perf-report'));
    expect(ours).toEqual([expect.stringContaining('the Tracy backend was requested but no tracy-capture on PATH and no tracy-csvexport on PATH')]);
    expect(run.output).not.toMatch(/Unhandled|Serialized Error|^\s+at /m);
    expect(run.output).not.toMatch(/Tests\s+\d/);
    expect(existsSync(out) && readdirSync(out).length > 0).toBe(false);
  });

  it('keeps the embedded statistics when tracy-capture crashes during the run', async () => {
    const out = tempDir('crash');
    const run = perfRun(out, { PATH: `${tools.binDir}${delimiter}${BARE_PATH}`, FAKE_TRACY_CAPTURE_MODE: 'crash-mid-run' });
    expect(run.status, run.output).toBe(1);
    expect(run.output).toContain("storing the embedded collector's statistics instead");
    expect(await storedBackend(out)).toBe('embedded');
    expect(readZoneCsv(out).rows.length).toBeGreaterThan(20);
  });
});
