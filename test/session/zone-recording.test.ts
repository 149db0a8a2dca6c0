import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BackendChoiceError, chooseBackend } from '../../src/session/backend-choice.js';
import { resolvePerfOptions, type PerfOptions } from '../../src/session/options.js';
import { ZoneRecording } from '../../src/session/zone-recording.js';
import { Recorder } from '../../src/zones/recorder.js';
import { WorkerChannel } from '../../src/transport/worker-channel.js';
import type { FakeCaptureFile } from '../support/fake-tracy/capture-file.js';
import { installFakeTracyTools, type FakeTracyTools } from '../support/fake-tracy/fake-tools.js';

/**
 * The orchestration of one run, in process: ZoneRecording with the fake tracy-capture and
 * tracy-csvexport (real child processes speaking the real protocol), fed by a Recorder as a
 * worker would. Timeouts are shortened so the hang paths take a fraction of a second.
 */

let tools: FakeTracyTools;
let dir: string;
const logs: string[] = [];
const saved = { mode: process.env.FAKE_TRACY_CAPTURE_MODE, backend: process.env.PERF_BACKEND };

beforeAll(() => {
  tools = installFakeTracyTools();
  dir = mkdtempSync(join(tmpdir(), 'perf-report-run-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'run-fixture', version: '2.0.0' }));
});

afterAll(() => {
  tools.remove();
  rmSync(dir, { recursive: true, force: true });
  restore('FAKE_TRACY_CAPTURE_MODE', saved.mode);
  restore('PERF_BACKEND', saved.backend);
});

beforeEach(() => {
  logs.length = 0;
  delete process.env.PERF_BACKEND;
  delete process.env.FAKE_TRACY_CAPTURE_MODE;
});

function restore(key: string, value: string | undefined): void {
  if (value === undefined) delete process.env[key];
  else process.env[key] = value;
}


/** Resolves the options as a session does, chooses the backend, and starts the zone recording. */
async function startRecording(options: PerfOptions, outDir: string): Promise<ZoneRecording> {
  const resolved = resolvePerfOptions({ name: 'app', h5: false, ...options, output: outDir }, { root: dir, argv: [], env: process.env, cwd: dir });
  const choice = chooseBackend(resolved.backend, resolved.tracy, process.env);
  if (choice.backend === 'cpuprofile') throw new Error('not a zone backend');
  return ZoneRecording.start(resolved, choice, { runner: 'vitest', log: (line) => logs.push(line) }, true);
}

/** Starts a run, records three zones on two lanes plus a message and a plot, and finishes it. */
async function recordRun(options: PerfOptions, outName: string) {
  const outDir = join(dir, outName);
  const testFile = join(dir, 'test/a.test.ts');
  const run = await startRecording(options, outDir);
  const recorder = new Recorder(new WorkerChannel(run.workerSettings.socket!, 'worker'));
  const test = recorder.location('suite > test', testFile, 3);
  const inner = recorder.location('inner', join(dir, 'src/lib.ts'), 10);
  recorder.begin(test, 0);
  recorder.begin(inner, 0);
  recorder.end(inner, 0);
  recorder.runInLane(1, () => {
    recorder.begin(inner, 1);
    recorder.message('half way');
    recorder.plot('items', 42);
    recorder.end(inner, 1);
  });
  recorder.end(test, 0);
  await recorder.fileDone([testFile]);
  const result = await run.finish([testFile]);
  return { result, outDir };
}

function rowsOf(csvPath: string): string[] {
  // name, file, line, counts: what both backends must agree on.
  return readFileSync(csvPath, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const cells = line.split(',');
      return [cells[0], cells[1], cells[2], cells[5]].join(',');
    })
    .sort();
}

const EXPECTED_ROWS = ['inner,src/lib.ts,10,2', 'suite > test,test/a.test.ts,3,1'];
const fast = (extra: PerfOptions = {}): PerfOptions => ({
  tracyCapture: tools.capture,
  tracyCsvexport: tools.csvexport,
  captureConnectTimeoutMs: 5000,
  captureExitTimeoutMs: 5000,
  ...extra,
});

describe('ZoneRecording with Tracy', () => {
  it('streams the zones into tracy-capture, exports the capture and stores its CSV', async () => {
    const { result, outDir } = await recordRun(fast(), 'ok');
    expect(result.backend).toBe('tracy');
    expect(result.csvPath).toBe(join(outDir, 'app.2.0.0.csv'));
    expect(result.tracyPath).toBe(join(outDir, 'app.2.0.0.tracy'));
    expect(rowsOf(result.csvPath)).toEqual(EXPECTED_ROWS);
    expect(result.generated.meta.backend).toBe('tracy');

    const capture = JSON.parse(readFileSync(result.tracyPath!, 'utf8')) as FakeCaptureFile;
    expect(capture.ending).toBe('finished');
    expect(capture.errors).toEqual([]);
    expect(capture.programName).toBe('vitest perf run');
    expect(capture.threads.map((thread) => [thread.name, thread.zones])).toEqual([
      ['main', 2],
      ['main · concurrent 1', 1],
    ]);
    expect(capture.messages).toEqual([{ thread: 2, text: 'half way' }]);
    expect(capture.plots).toEqual([{ name: 'items', values: [42] }]);
  });

  it('gives the same names, files, lines and counts as the embedded collector', async () => {
    const { result } = await recordRun({ backend: 'embedded' }, 'embedded');
    expect(result.backend).toBe('embedded');
    expect(result.note).toBeUndefined();
    expect(rowsOf(result.csvPath)).toEqual(EXPECTED_ROWS);
    expect(logs).toEqual([]);
  });

  it('falls back to the embedded collector, saying so, when tracy-capture never connects', async () => {
    process.env.FAKE_TRACY_CAPTURE_MODE = 'never-connect';
    const { result, outDir } = await recordRun(fast({ captureConnectTimeoutMs: 300 }), 'never-connect');
    expect(logs).toEqual(['perf-report: no Tracy capture: tracy-capture did not connect within 300 ms; recording with the embedded collector']);
    expect(result.backend).toBe('embedded');
    expect(rowsOf(result.csvPath)).toEqual(EXPECTED_ROWS);
    expect(existsSync(join(outDir, 'app.2.0.0.tracy'))).toBe(false);
  });

  it('falls back at once when tracy-capture exits before connecting', async () => {
    process.env.FAKE_TRACY_CAPTURE_MODE = 'crash-on-start';
    const { result } = await recordRun(fast({ captureConnectTimeoutMs: 60_000 }), 'crash-on-start');
    expect(logs).toEqual([
      'perf-report: no Tracy capture: tracy-capture ended before connecting (exit 3: fake tracy-capture: crashing on start as asked); recording with the embedded collector',
    ]);
    expect(result.backend).toBe('embedded');
  });

  it('keeps the embedded statistics when tracy-capture crashes mid-run', async () => {
    process.env.FAKE_TRACY_CAPTURE_MODE = 'crash-mid-run';
    const { result, outDir } = await recordRun(fast(), 'crash-mid-run');
    expect(result.backend).toBe('embedded');
    expect(result.generated.meta.backend).toBe('embedded');
    expect(rowsOf(result.csvPath)).toEqual(EXPECTED_ROWS);
    expect(logs.at(-1)).toBe(
      "perf-report: the Tracy capture failed (tracy-capture wrote no capture (exit 3: fake tracy-capture: crashing mid-run as asked)); storing the embedded collector's statistics instead",
    );
    expect(existsSync(join(outDir, 'app.2.0.0.tracy'))).toBe(false);
  });

  it('stops a tracy-capture that does not exit after the run and keeps what it wrote', async () => {
    process.env.FAKE_TRACY_CAPTURE_MODE = 'no-exit';
    const { result } = await recordRun(fast({ captureExitTimeoutMs: 300 }), 'no-exit');
    expect(logs).toContain('perf-report: tracy-capture did not exit within 300 ms after the run; stopping it and keeping what it wrote');
    expect(result.backend).toBe('tracy');
    expect(rowsOf(result.csvPath)).toEqual(EXPECTED_ROWS);
    const capture = JSON.parse(readFileSync(result.tracyPath!, 'utf8')) as FakeCaptureFile;
    expect(capture.ending).toBe('interrupted');
  });

  it('keeps the embedded statistics when tracy-csvexport cannot read the capture', async () => {
    const { result, outDir } = await recordRun(fast({ tracyCsvexport: tools.capture }), 'bad-export');
    expect(result.backend).toBe('embedded');
    expect(logs.at(-1)).toMatch(/^perf-report: the Tracy capture failed \(.*tracy-csvexport failed \(exit 1\).*; the capture is kept as .*app\.2\.0\.0\.tracy\.failed\); storing/);
    expect(existsSync(join(outDir, 'app.2.0.0.tracy.failed'))).toBe(true);
    expect(rowsOf(result.csvPath)).toEqual(EXPECTED_ROWS);
  });
});

describe('backend selection', () => {
  it('auto without the tools records with the embedded collector and says why in the result', async () => {
    const { result } = await recordRun({ tracyCapture: join(dir, 'missing-capture'), tracyCsvexport: tools.csvexport }, 'auto-missing');
    expect(result.backend).toBe('embedded');
    expect(result.note).toBe(`Tracy not found: tracy-capture at ${join(dir, 'missing-capture')} is not an executable file`);
  });

  it('tracy without the tools is an error before the run starts', async () => {
    const start = startRecording({ backend: 'tracy', tracyCapture: join(dir, 'missing-capture') }, join(dir, 'forced'));
    await expect(start).rejects.toBeInstanceOf(BackendChoiceError);
    await expect(start).rejects.toThrow(/the Tracy backend was requested but tracy-capture at .*missing-capture is not an executable file/);
    expect(existsSync(join(dir, 'forced'))).toBe(false);
  });

  it('PERF_BACKEND wins over the option and is checked', async () => {
    process.env.PERF_BACKEND = 'embedded';
    const { result } = await recordRun(fast({ backend: 'tracy' }), 'env-embedded');
    expect(result.backend).toBe('embedded');
    process.env.PERF_BACKEND = 'tracey';
    await expect(startRecording({}, dir)).rejects.toThrow(
      'PERF_BACKEND is "tracey"; expected one of auto, tracy, embedded',
    );
  });
});
