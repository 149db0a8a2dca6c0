import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZoneAggregator } from '../../src/collect/zone-aggregator.js';
import { CollectorServer } from '../../src/transport/collector-server.js';

const RECORDER_KEY = Symbol.for('perf-report.recorder');
const here = fileURLToPath(import.meta.url);
const lineOf = (marker: string): number => readFileSync(here, 'utf8').split('\n').findIndex((line) => line.includes(marker)) + 1;

async function loadZones(env: string | undefined): Promise<typeof import('../../src/zones/index.js')> {
  vi.resetModules();
  delete (globalThis as Record<symbol, unknown>)[RECORDER_KEY];
  if (env === undefined) delete process.env.PERF_REPORT_SOCKET;
  else process.env.PERF_REPORT_SOCKET = env;
  return import('../../src/zones/index.js');
}

afterEach(() => {
  delete process.env.PERF_REPORT_SOCKET;
  delete (globalThis as Record<symbol, unknown>)[RECORDER_KEY];
});

describe('zones outside perf mode', () => {
  it('call straight through and return the function result', async () => {
    const zones = await loadZones(undefined);
    expect(zones.recording).toBe(false);
    expect(zones.zone('x', () => 41 + 1)).toBe(42);
    await expect(zones.zone('y', async () => 'async')).resolves.toBe('async');
    const defined = zones.defineZone('z');
    expect(defined.run(() => 'run')).toBe('run');
    defined.begin();
    defined.end();
    zones.plot('p', 1);
    zones.message('m');
  });
});

describe('zones in perf mode', () => {
  it('stream zones with call-site locations to the collector', async () => {
    const capture = new ZoneAggregator();
    const server = await CollectorServer.listen(() => capture.connection());
    try {
      const zones = await loadZones(server.address);
      expect(zones.recording).toBe(true);
      const parse = zones.defineZone('parse'); // marker:define
      for (let i = 0; i < 5; i++) parse.run(() => i * 2);
      parse.begin();
      parse.end();
      const result = await zones.zone('load', async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return 'loaded';
      }); // marker:zone-load
      expect(result).toBe('loaded');
      expect(() => zones.zone('throws', () => {
        throw new Error('boom');
      })).toThrow('boom');
      zones.plot('heap', 12.5);
      zones.message('hello');

      const recorder = (globalThis as Record<symbol, { fileDone(files: string[]): Promise<void> }>)[RECORDER_KEY];
      await recorder?.fileDone([here]);
      expect(await capture.waitForFiles([here])).toEqual([]);

      const stats = capture.zoneStats('/');
      const byName = new Map(stats.map((z) => [z.name, z]));
      expect(byName.get('parse')).toMatchObject({ counts: 6, srcLine: lineOf('marker:' + 'define'), srcFile: here.slice(1) });
      expect(byName.get('load')).toMatchObject({ counts: 1, srcLine: lineOf('marker:' + 'zone-load') - 3 });
      expect(byName.get('load')!.totalNs).toBeGreaterThan(0);
      expect(byName.get('throws')).toMatchObject({ counts: 1 });
      expect(capture.workers[0]?.pid).toBe(process.pid);
    } finally {
      await server.close();
    }
  });
});

describe('a worker that runs a second test file', () => {
  it('defines its zone locations again on the new connection, so no zone is lost', async () => {
    const capture = new ZoneAggregator();
    const server = await CollectorServer.listen(() => capture.connection());
    try {
      const zones = await loadZones(server.address);
      const shared = zones.defineZone('shared helper');
      const recorder = (globalThis as Record<symbol, { fileDone(files: string[]): Promise<void> }>)[RECORDER_KEY]!;
      shared.run(() => 1);
      zones.plot('heap', 1);
      await recorder.fileDone(['/first.test.ts']);
      // The same worker, the next file: the location and the plot name were defined on the first connection only.
      shared.run(() => 2);
      shared.run(() => 3);
      zones.plot('heap', 2);
      await recorder.fileDone(['/second.test.ts']);
      expect(await capture.waitForFiles(['/first.test.ts', '/second.test.ts'])).toEqual([]);
      expect(capture.zoneStats('/').find((zone) => zone.name === 'shared helper')?.counts).toBe(3);
    } finally {
      await server.close();
    }
  });
});
