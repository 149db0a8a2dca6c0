import { describe, expect, it } from 'vitest';
import { ZoneAggregator } from '../../src/collect/zone-aggregator.js';
import {
  EventKind,
  FrameDecoder,
  encodeFileDone,
  encodeHello,
  encodeLocation,
} from '../../src/transport/event-stream.js';
import { eventsFrame } from '../support/worker-frames.js';



function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const B = EventKind.ZoneBegin;
const E = EventKind.ZoneEnd;

describe('Capture', () => {
  it('pairs begin/end per lane, nests, and aggregates per (name, file, line)', () => {
    const capture = new ZoneAggregator();
    const sink = capture.connection();
    const decoder = new FrameDecoder(sink);
    const stream = concat([
      encodeHello({ pid: 42, threadId: 0, label: 'worker' }),
      encodeLocation({ id: 1, name: 'math > adds', file: '/proj/test/math.test.ts', line: 7 }),
      encodeLocation({ id: 2, name: 'math > beforeEach', file: '/proj/test/math.test.ts', line: 4 }),
      eventsFrame([
        [B, 0, 1, 1000n],
        [B, 0, 2, 1100n],
        [E, 0, 2, 1300n], // beforeEach 200
        [E, 0, 1, 2000n], // test 1000
        [B, 0, 1, 3000n],
        [B, 3, 1, 3100n], // a concurrent copy on lane 3 interleaves
        [B, 0, 2, 3200n],
        [E, 0, 2, 3600n], // beforeEach 400
        [E, 3, 1, 3400n], // lane 3 test 300
        [E, 0, 1, 5000n], // test 2000
      ]),
      encodeFileDone('/proj/test/math.test.ts'),
    ]);
    // Split mid-frame to exercise reassembly.
    decoder.push(stream.subarray(0, 37));
    decoder.push(stream.subarray(37));
    sink.closed({ leftoverBytes: decoder.leftover });

    expect(capture.workers).toEqual([{ protocolVersion: 2, pid: 42, threadId: 0, label: 'worker', project: '' }]);
    expect(capture.doneFiles.has('/proj/test/math.test.ts')).toBe(true);
    expect(capture.spanNs).toBe(4000);
    const [test, hook] = capture.zoneStats('/proj');
    expect(test).toMatchObject({ name: 'math > adds', srcFile: 'test/math.test.ts', srcLine: 7, counts: 3, totalNs: 3300 });
    expect(test?.minNs).toBe(300);
    expect(test?.maxNs).toBe(2000);
    expect(test?.meanNs).toBe(1100);
    expect(test?.totalPerc).toBeCloseTo(82.5, 9);
    expect(hook).toMatchObject({ name: 'math > beforeEach', srcLine: 4, counts: 2, totalNs: 600, meanNs: 300 });
    // 200 ns and 400 ns: sample std sqrt((100² + 100²) / 1).
    expect(hook?.stdNs).toBeCloseTo(Math.sqrt(20_000), 9);
    expect(capture.truncatedConnections).toBe(0);
  });

  it('keeps the zones of each project apart, the same file and line included', () => {
    const capture = new ZoneAggregator();
    const feed = (project: string, durationNs: bigint) => {
      const sink = capture.connection();
      const decoder = new FrameDecoder(sink);
      decoder.push(
        concat([
          encodeHello({ pid: 7, threadId: 1, label: 'worker', project }),
          encodeLocation({ id: 1, name: 'shared', file: '/proj/test/shared.test.ts', line: 3 }),
          eventsFrame([
            [B, 0, 1, 1000n],
            [E, 0, 1, 1000n + durationNs],
          ]),
        ]),
      );
      sink.closed({ leftoverBytes: decoder.leftover });
    };
    feed('unit', 100n);
    feed('integration', 300n);
    feed('unit', 200n);
    expect(capture.projects).toEqual(['integration', 'unit']);
    expect(capture.zoneStats('/proj', 'unit')).toMatchObject([{ name: 'shared', counts: 2, totalNs: 300 }]);
    expect(capture.zoneStats('/proj', 'integration')).toMatchObject([{ name: 'shared', counts: 1, totalNs: 300 }]);
    expect(capture.workers.map((hello) => hello.project)).toEqual(['unit', 'integration', 'unit']);
  });

  it('drops zones that never end and ends without a begin', () => {
    const capture = new ZoneAggregator();
    const sink = capture.connection();
    const decoder = new FrameDecoder(sink);
    decoder.push(
      concat([
        encodeLocation({ id: 1, name: 'outer', file: '', line: 0 }),
        encodeLocation({ id: 2, name: 'never ends', file: '', line: 0 }),
        eventsFrame([
          [E, 0, 2, 10n],
          [B, 0, 1, 100n],
          [B, 0, 2, 150n],
          [E, 0, 1, 400n],
        ]),
      ]),
    );
    const stats = capture.zoneStats('/');
    expect(stats.map((z) => [z.name, z.counts, z.totalNs])).toEqual([['outer', 1, 300]]);
  });

  it('counts a connection cut mid-frame as truncated and stops waiting once workers are gone', async () => {
    const capture = new ZoneAggregator();
    const sink = capture.connection();
    const decoder = new FrameDecoder(sink);
    const frame = encodeLocation({ id: 1, name: 'x', file: '', line: 0 });
    decoder.push(frame.subarray(0, frame.length - 2));
    sink.closed({ leftoverBytes: decoder.leftover });
    expect(capture.truncatedConnections).toBe(1);
    const missing = await capture.waitForFiles(['/a.test.ts'], { timeoutMs: 5000, graceMs: 10 });
    expect(missing).toEqual(['/a.test.ts']);
  });

  it('wakes a waiter as soon as the awaited file is done', async () => {
    const capture = new ZoneAggregator();
    const sink = capture.connection();
    const waiting = capture.waitForFiles(['/a.test.ts'], { timeoutMs: 60_000 });
    sink.fileDone('/a.test.ts');
    await expect(waiting).resolves.toEqual([]);
  });
});
