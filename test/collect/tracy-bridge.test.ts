import { describe, expect, it } from 'vitest';
import { ZoneAggregator } from '../../src/collect/zone-aggregator.js';
import { TracyBridge, type TracyTarget } from '../../src/collect/tracy-bridge.js';
import type { ZoneSite } from '../../src/tracy/index.js';
import {
  EventKind,
  FrameDecoder,
  encodeFileDone,
  encodeHello,
  encodeLocation,
  encodeString,
} from '../../src/transport/event-stream.js';
import { eventsFrame } from '../support/worker-frames.js';

type Call = (string | number | bigint)[];


/** The Tracy client's calls, in order, with sites as `name@file:line`. */
function recordingTarget(): { target: TracyTarget; calls: Call[] } {
  const calls: Call[] = [];
  const site = (s: ZoneSite) => `${s.name}@${s.file}:${s.line}`;
  return {
    calls,
    target: {
      threadName: (thread, name) => void calls.push(['name', thread, name]),
      zoneBegin: (thread, time, s) => void calls.push(['begin', thread, time, site(s)]),
      zoneEnd: (thread, time) => void calls.push(['end', thread, time]),
      message: (thread, time, text) => void calls.push(['message', thread, time, text]),
      plot: (name, time, value) => void calls.push(['plot', name, time, value]),
    },
  };
}

function connect(bridge: TracyBridge, capture: ZoneAggregator, pid: number, threadId = 0) {
  const sink = bridge.connection(capture.connection());
  const decoder = new FrameDecoder(sink);
  decoder.push(encodeHello({ pid, threadId, label: 'worker' }));
  return { push: (...frames: Uint8Array[]) => frames.forEach((frame) => decoder.push(frame)), close: () => sink.closed({ leftoverBytes: 0 }) };
}

const { ZoneBegin: B, ZoneEnd: E, Plot: P, PlotValue: V, Message: M } = EventKind;

describe('TracyBridge', () => {
  it('names workers in order of appearance, gives lanes their own threads, and keeps the embedded aggregate', () => {
    const { target, calls } = recordingTarget();
    const bridge = new TracyBridge(target, 'vitest', '/proj', () => undefined);
    const capture = new ZoneAggregator();
    const first = connect(bridge, capture, 1001);
    const second = connect(bridge, capture, 1002);
    first.push(
      encodeLocation({ id: 1, name: 'parallel > first', file: '/proj/test/c.test.ts', line: 5 }),
      eventsFrame([
        [B, 0, 1, 100n],
        [B, 2, 1, 110n],
        [E, 2, 1, 150n],
        [E, 0, 1, 300n],
      ]),
    );
    second.push(encodeLocation({ id: 1, name: 'other', file: '/proj/test/o.test.ts', line: 9 }), eventsFrame([[B, 0, 1, 120n], [E, 0, 1, 220n]]));
    expect(calls).toEqual([
      ['name', 1, 'vitest worker 1'],
      ['begin', 1, 100n, 'parallel > first@test/c.test.ts:5'],
      ['name', 2, 'vitest worker 1 · concurrent 2'],
      ['begin', 2, 110n, 'parallel > first@test/c.test.ts:5'],
      ['end', 2, 150n],
      ['end', 1, 300n],
      ['name', 3, 'vitest worker 2'],
      ['begin', 3, 120n, 'other@test/o.test.ts:9'],
      ['end', 3, 220n],
    ]);
    expect(capture.zoneStats('/proj').map((z) => [z.name, z.counts])).toEqual([
      ['parallel > first', 2],
      ['other', 1],
    ]);
  });

  it('calls the main process "main" and keeps a reconnecting worker on its thread', () => {
    const { target, calls } = recordingTarget();
    const bridge = new TracyBridge(target, 'jest', '/proj', () => undefined);
    const capture = new ZoneAggregator();
    const main = connect(bridge, capture, process.pid);
    main.push(encodeLocation({ id: 1, name: 'setup', file: '', line: 0 }), eventsFrame([[B, 0, 1, 1n], [E, 0, 1, 2n]]));
    for (const file of ['/proj/a.test.ts', '/proj/b.test.ts']) {
      const worker = connect(bridge, capture, 2000, 3);
      worker.push(encodeLocation({ id: 1, name: file, file, line: 0 }), eventsFrame([[B, 0, 1, 10n], [E, 0, 1, 20n]]), encodeFileDone(file));
      worker.close();
    }
    expect(calls.filter((call) => call[0] === 'name')).toEqual([
      ['name', 1, 'main'],
      ['name', 2, 'jest worker 1'],
    ]);
    expect(calls.filter((call) => call[0] === 'begin').map((call) => call[1])).toEqual([1, 2, 2]);
  });

  it('pairs ends as the embedded Capture does and closes what a closed connection left open', () => {
    const { target, calls } = recordingTarget();
    const bridge = new TracyBridge(target, 'vitest', '/', () => undefined);
    const capture = new ZoneAggregator();
    const worker = connect(bridge, capture, 3000);
    worker.push(
      encodeLocation({ id: 1, name: 'outer', file: '', line: 0 }),
      encodeLocation({ id: 2, name: 'never ends', file: '', line: 0 }),
      eventsFrame([
        [E, 0, 2, 10n], // an end without a begin: not sent (a capture stops at it)
        [B, 0, 1, 100n],
        [B, 0, 2, 150n],
        [E, 0, 1, 400n], // ends 'outer' and, as it must in Tracy, the unclosed zone inside it
        [B, 0, 1, 500n],
        [B, 0, 9, 510n], // a location never defined: not sent, but still paired
        [E, 0, 9, 520n],
      ]),
    );
    worker.close();
    expect(calls.filter((call) => call[0] !== 'name')).toEqual([
      ['begin', 1, 100n, 'outer@:0'],
      ['begin', 1, 150n, 'never ends@:0'],
      ['end', 1, 400n],
      ['end', 1, 400n],
      ['begin', 1, 500n, 'outer@:0'],
      ['end', 1, 520n],
    ]);
    expect(capture.zoneStats('/').map((z) => [z.name, z.counts])).toEqual([['outer', 1]]);
  });

  it('forwards messages and plots, also a plot whose value starts the next batch', () => {
    const { target, calls } = recordingTarget();
    const bridge = new TracyBridge(target, 'vitest', '/', () => undefined);
    const worker = connect(bridge, new ZoneAggregator(), 4000);
    worker.push(
      encodeString(1, 'heap'),
      encodeString(2, 'cache warmed'),
      eventsFrame([
        [P, 0, 1, 50n],
        [V, 0, 0, 1.5],
        [M, 3, 2, 60n],
        [P, 0, 1, 70n],
      ]),
      eventsFrame([[V, 0, 0, 2.5]]),
    );
    expect(calls).toEqual([
      ['plot', 'heap', 50n, 1.5],
      ['name', 1, 'vitest worker 1 · concurrent 3'],
      ['message', 1, 60n, 'cache warmed'],
      ['plot', 'heap', 70n, 2.5],
    ]);
  });

  it('stops forwarding, and says so once, when the Tracy side throws; the embedded aggregate goes on', () => {
    const logs: string[] = [];
    const failing: TracyTarget = {
      threadName: () => undefined,
      zoneBegin: () => {
        throw new Error('boom');
      },
      zoneEnd: () => undefined,
      message: () => undefined,
      plot: () => undefined,
    };
    const capture = new ZoneAggregator();
    const worker = connect(new TracyBridge(failing, 'vitest', '/', (line) => logs.push(line)), capture, 5000);
    worker.push(encodeLocation({ id: 1, name: 'z', file: '', line: 0 }), eventsFrame([[B, 0, 1, 1n], [E, 0, 1, 5n]]), eventsFrame([[B, 0, 1, 6n], [E, 0, 1, 9n]]));
    expect(logs).toEqual(['perf-report: stopped forwarding zones to Tracy: boom']);
    expect(capture.zoneStats('/').map((z) => [z.name, z.counts])).toEqual([['z', 2]]);
  });
});
