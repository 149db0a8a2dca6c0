import { afterEach, describe, expect, it } from 'vitest';
import { TracyClient } from '../../src/tracy/index.js';
import type { CapturedZone } from '../support/tracy-double/capture-model.js';
import { at, clientWithCapture } from '../support/tracy-session.js';

const clients: TracyClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.shutdown(1000)));
});

const name = (zone: CapturedZone): string => ('name' in zone.site ? zone.site.name : `static ${zone.site.staticPtr}`);

describe.each([76, 82])('timelines over protocol %i', (protocol) => {
  it('keeps nesting and times per thread when the events of several workers interleave', async () => {
    const { client, capture } = await clientWithCapture({}, { protocol });
    clients.push(client);
    client.threadName(1, 'vitest worker 1');
    client.threadName(2, 'vitest worker 2');
    const file = { name: 'math.test.ts', file: '/repo/math.test.ts', line: 1 };
    const test = { name: 'math > adds', file: '/repo/math.test.ts', line: 4 };
    client.zoneBegin(1, at(1_000), file);
    client.zoneBegin(2, at(1_100), file);
    client.zoneBegin(1, at(1_200), test);
    client.zoneBegin(2, at(1_300), test);
    // A delta over 2^16 and one over 2^16+2^32 exercise every compact form of protocol 82.
    client.zoneEnd(1, at(1_200 + 70_000));
    client.zoneEnd(2, at(1_300 + 5_000_000_000));
    client.zoneEnd(1, at(80_000));
    client.zoneEnd(2, at(6_000_000_000));
    await client.shutdown();
    const outcome = await capture.done;
    expect(outcome).toEqual({ status: 1, finished: true, errors: [], waitingFor: [] });
    const spans = (thread: number) => capture.model.threads.get(thread)!.zones.map((zone) => [name(zone), zone.depth, zone.begin, zone.end]);
    expect(spans(1)).toEqual([
      ['math > adds', 1, 1_200, 71_200],
      ['math.test.ts', 0, 1_000, 80_000],
    ]);
    expect(spans(2)).toEqual([
      ['math > adds', 1, 1_300, 5_000_001_300],
      ['math.test.ts', 0, 1_100, 6_000_000_000],
    ]);
    // Two distinct sites however many zones: the capture de-duplicates the payloads.
    expect(capture.model.payloadSourceLocations.size).toBe(2);
  });

  it('delivers messages with their thread and absolute time, and plots with their name', async () => {
    const { client, capture } = await clientWithCapture({}, { protocol });
    clients.push(client);
    client.threadName(1, 'main');
    const long = `${'long text '.repeat(40)}ü`;
    client.message(1, at(50), 'run start');
    client.zoneBegin(1, at(60), { name: 'a', file: 'a.ts', line: 1 });
    client.message(1, at(70), long);
    client.plot('heap MiB', at(80), 12.5);
    // tracy-capture drops a non-finite value without moving its time reference: never sent.
    client.plot('heap MiB', at(85), Number.NaN);
    client.zoneEnd(1, at(90));
    client.plot('heap MiB', at(95), 13.25);
    client.plot('tests done', at(99), 1);
    client.message(2, at(100), '');
    await client.shutdown();
    const outcome = await capture.done;
    expect(outcome.errors).toEqual([]);
    expect(outcome.finished).toBe(true);
    expect(capture.model.messages.map(({ thread, time, text }) => ({ thread, time, text }))).toEqual([
      { thread: 1, time: 50, text: 'run start' },
      { thread: 1, time: 70, text: long },
      { thread: 2, time: 100, text: '' },
    ]);
    if (protocol === 82) expect(capture.model.messages.every((message) => message.metadata === 0)).toBe(true);
    const plots = [...capture.model.plots.values()].map((plot) => ({ name: plot.name, points: plot.points }));
    expect(plots).toEqual([
      { name: 'heap MiB', points: [{ time: 80, value: 12.5 }, { time: 95, value: 13.25 }] },
      { name: 'tests done', points: [{ time: 99, value: 1 }] },
    ]);
    expect(capture.model.threads.get(1)!.zones.map((zone) => [zone.begin, zone.end])).toEqual([[60, 90]]);
    expect(client.stats.dropped).toBe(1);
  });
});

describe('protocol 82 encoding', () => {
  it('uses the 16- and 32-bit zone ends and 8-bit string lengths where they fit', async () => {
    const { client, capture } = await clientWithCapture({}, { protocol: 82, keepFrames: true });
    clients.push(client);
    client.zoneBegin(1, at(0), { name: 'a', file: 'a.ts', line: 1 });
    client.zoneEnd(1, at(10));
    client.zoneBegin(1, at(20), { name: 'a', file: 'a.ts', line: 1 });
    client.zoneEnd(1, at(20 + 100_000));
    client.zoneBegin(1, at(200_000), { name: 'a', file: 'a.ts', line: 1 });
    client.zoneEnd(1, at(200_000 + 2 ** 33));
    client.message(1, at(3 * 2 ** 33), 'short');
    client.message(1, at(3 * 2 ** 33), 'x'.repeat(300));
    await client.shutdown();
    expect((await capture.done).errors).toEqual([]);
    const types = capture.frames.flatMap((frame) => frame.items).map((item) => item.type);
    expect(types.filter((type) => type === 27 || type === 26 || type === 25)).toEqual([27, 26, 25]);
    expect(types.filter((type) => type === 114 || type === 112)).toEqual([114, 112]);
    expect(capture.model.threads.get(1)!.zones.map((zone) => zone.end - zone.begin)).toEqual([10, 100_000, 2 ** 33]);
  });
});
