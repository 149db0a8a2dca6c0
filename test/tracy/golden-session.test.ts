import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CaptureModel } from '../support/tracy-double/capture-model.js';
import { ClientStreamReader, type DecodedFrame, type StreamEvent } from '../support/tracy-double/client-stream.js';
import { PROTOCOL_76, type QueueItem } from '../support/tracy-double/queue-items.js';
import { decodeQueries, ServerQuery } from '../support/tracy-double/server-query.js';
import type { Welcome } from '../support/tracy-double/welcome.js';

/**
 * The fake capture decodes a real session between Tracy's C++ client and tracy-capture 0.13.1
 * (fixtures/tracy-session/) to exactly what decoded.txt lists. That session uses LZ4
 * *streaming* compression, so this also proves the decoder resolves references into earlier
 * blocks — the test double is only worth trusting once it reads the real thing.
 */

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/tracy-session/${name}`, import.meta.url));
const listing = fixture('decoded.txt').toString('utf8');

function listed(prefix: string): string {
  const line = listing
    .split('\n')
    .map((candidate) => candidate.trim())
    .find((candidate) => candidate.startsWith(prefix));
  if (!line) throw new Error(`decoded.txt has no line starting with ${prefix}`);
  return line.slice(prefix.length).trim();
}

function decodeSession(): { events: StreamEvent[]; frames: DecodedFrame[]; welcome: Welcome } {
  const reader = new ClientStreamReader(PROTOCOL_76);
  const events = reader.push(fixture('client-to-capture.bin'));
  expect(reader.pendingBytes).toBe(0);
  const frames = events.flatMap((event) => (event.kind === 'frame' ? [event.frame] : []));
  const welcome = events.find((event) => event.kind === 'welcome');
  if (welcome?.kind !== 'welcome') throw new Error('no welcome decoded');
  return { events, frames, welcome: welcome.welcome };
}

interface ListedItem {
  offset: number;
  type: number;
  name: string;
  size: number;
  fields: string;
}

function listedFirstFrameItems(): ListedItem[] {
  const items: ListedItem[] = [];
  for (const line of listing.split('\n')) {
    const match = /^\s*f0@\s*(\d+) \[\s*(\d+)\] (\S+)\s+(\d+)B ?(.*)$/.exec(line);
    if (match) items.push({ offset: Number(match[1]), type: Number(match[2]), name: match[3]!, size: Number(match[4]), fields: match[5]!.trim() });
  }
  return items;
}

/** Renders our decoded item the way decoded.txt prints its fields. */
function fieldsOf(item: QueueItem): string {
  const hex = (value: number): string => `0x${value.toString(16)}`;
  switch (item.name) {
    case 'ThreadContext':
      return `thread=${item.thread}`;
    case 'ZoneBegin':
      return `time(delta?)=${item.time} ptr=${hex(item.id!)}`;
    case 'ZoneEnd':
    case 'ZoneBeginAllocSrcLoc':
      return `time(delta?)=${item.time}`;
    case 'SingleStringData':
      return JSON.stringify(item.text);
    case 'ZoneValue':
      return `value=${item.value}`;
    case 'PlotDataInt':
      return `name=${hex(item.id!)} time(delta)=${item.time}`;
    case 'SourceLocationPayload': {
      const key = Buffer.from(item.payloadKey!, 'latin1');
      return `color=${hex(key.readUInt32LE(0))} line=${key.readUInt32LE(4)} rest=${JSON.stringify(key.subarray(8).toString('utf8'))}`;
    }
    default:
      return '';
  }
}

describe('the fake capture reads the real C++ client session', () => {
  it('reads the status byte and the WelcomeMessage field by field', () => {
    const { events, welcome } = decodeSession();
    expect(events[0]).toEqual({ kind: 'status', status: 1 });
    const expected = JSON.parse(listing.slice(listing.indexOf('WelcomeMessage (1170 bytes): ') + 29, listing.indexOf('\n}\n') + 2)) as Record<string, unknown>;
    expect({
      timerMul: welcome.timerMul,
      initBegin: String(welcome.initBegin),
      initEnd: String(welcome.initEnd),
      resolution: String(welcome.resolution),
      epoch: String(welcome.epoch),
      exectime: String(welcome.exectime),
      pid: String(welcome.pid),
      samplingPeriod: String(welcome.samplingPeriod),
      flags: welcome.flags,
      cpuArch: welcome.cpuArch,
      cpuManufacturer: welcome.cpuManufacturer,
      cpuId: welcome.cpuId,
      programName: welcome.programName,
    }).toEqual({ ...expected, hostInfo: undefined });
    // decoded.txt shortens hostInfo with "..."; the part it shows must match.
    expect(welcome.hostInfo.startsWith(String(expected.hostInfo).replace(/\.\.\.$/, ''))).toBe(true);
  });

  it('decodes all 7 frames, later ones referencing earlier decoded bytes, to the listed sizes', () => {
    const { frames } = decodeSession();
    const sizes = frames.map((frame) => `${frame.compressedSize}->${frame.decompressedSize}`).join(', ');
    expect(`frames: ${frames.length}; sizes (compressed->decompressed): ${sizes}`).toBe(listing.split('\n').find((line) => line.startsWith('frames: ')));
  });

  it('reads the first frame item by item, with the listed offsets, types, sizes and fields', () => {
    const { frames } = decodeSession();
    const expected = listedFirstFrameItems();
    expect(expected.length).toBeGreaterThan(60);
    const actual = frames[0]!.items.slice(0, expected.length).map((item) => ({
      offset: item.offset,
      type: item.type,
      name: item.name,
      size: item.size,
      fields: fieldsOf(item),
    }));
    expect(actual).toEqual(expected);
  });

  it('counts every item type of the session as listed', () => {
    const { frames } = decodeSession();
    const counts: Record<string, number> = {};
    for (const item of frames.flatMap((frame) => frame.items)) counts[item.name] = (counts[item.name] ?? 0) + 1;
    expect(counts).toEqual(JSON.parse(listed('event counts: ')));
  });

  it('reads the capture side: the hello and 26 queries of the listed types', () => {
    const bytes = fixture('capture-to-client.bin');
    expect(bytes.subarray(0, 12).toString('hex')).toBe(listed('capture -> client first 12 bytes: ').split(' ')[0]);
    const queries = decodeQueries(bytes.subarray(12));
    expect(queries).toHaveLength(26);
    const names = Object.fromEntries(Object.entries(ServerQuery).map(([name, type]) => [type, name]));
    const counts: Record<string, number> = {};
    for (const query of queries) counts[names[query.type]!] = (counts[names[query.type]!] ?? 0) + 1;
    expect(counts).toEqual(JSON.parse(listed('query counts: ')));
    const firstListed = listing.split('\n').filter((line) => line.startsWith('  query #'));
    expect(firstListed.length).toBe(12);
    firstListed.forEach((line, index) => {
      const query = queries[index]!;
      expect(line).toBe(`  query #${index}: type=${query.type} (${names[query.type]}) ptr=0x${query.ptr.toString(16)} extra=${query.extra}`);
    });
  });

  it('replays the session: every recorded query gets exactly one reply and the capture may finish', () => {
    const { frames } = decodeSession();
    const model = new CaptureModel({ askQueries: false });
    for (const query of decodeQueries(fixture('capture-to-client.bin').subarray(12))) {
      if (query.type !== ServerQuery.Terminate) model.expect(query);
    }
    for (const frame of frames) model.apply(frame.items);
    expect(model.errors).toEqual([]);
    expect(model.outstanding).toEqual([]);
    expect(model.terminated).toBe(true);
    expect(model.isFinished()).toBe(true);
    expect(model.zoneCount).toBe(51);
    // Thread 12084 only carries system items (SysTimeReport, CpuTopology): the capture never asked its name.
    expect([...model.threads.keys()].sort()).toEqual([12083, 12084, 12087, 12088]);
    expect([...model.threads.values()].flatMap((thread) => thread.name ?? []).sort()).toEqual(
      frames
        .flatMap((frame) => frame.items)
        .filter((item) => item.name === 'ThreadName')
        .map((item) => item.text)
        .sort(),
    );
    const dynamic = [...model.payloadSourceLocations.values()];
    expect(dynamic.map((site) => site.name)).toContain('test: worker-B #0');
    expect(dynamic[0]).toMatchObject({ function: 'dynamic_zone', file: 'testclient.cpp', line: 27 });
  });
});
