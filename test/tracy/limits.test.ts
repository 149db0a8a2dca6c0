import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TracyClient } from '../../src/tracy/index.js';
import { MAX_SOURCE_LOCATIONS } from '../support/tracy-double/capture-model.js';
import { FakeCapture } from '../support/tracy-double/fake-capture.js';
import { at, clientWithCapture } from '../support/tracy-session.js';

const clients: TracyClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.shutdown(2000)));
});

async function occupy(port: number): Promise<() => Promise<void>> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return () => new Promise((resolve) => server.close(() => resolve()));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('ports', () => {
  it('listens on loopback only by default', async () => {
    const client = await TracyClient.listen({ port: 0, log: () => {} });
    clients.push(client);
    expect(client.host).toBe('127.0.0.1');
  });

  it('moves to the next free port when the asked one is busy, and reports it', async () => {
    const port = await freePort();
    const release = await occupy(port);
    try {
      const client = await TracyClient.listen({ port, portSearch: 5, log: () => {} });
      clients.push(client);
      expect(client.port).toBeGreaterThan(port);
      const capture = await FakeCapture.connect({ port: client.port });
      expect(await client.waitForCapture(5000)).toBe(true);
      await client.shutdown();
      expect((await capture.done).finished).toBe(true);
    } finally {
      await release();
    }
  });

  it('fails with an actionable error when every port of the range is busy', async () => {
    const port = await freePort();
    const release = await occupy(port);
    try {
      await expect(TracyClient.listen({ port, portSearch: 1, log: () => {} })).rejects.toThrow(
        new RegExp(`port ${port} on 127.0.0.1 is in use.*TRACY_PORT.*-p`),
      );
    } finally {
      await release();
    }
  });
});

describe('capture limits', () => {
  it('never gives the capture more than 32,767 distinct source locations: the rest fold into one, with one warning', async () => {
    const { client, capture, logs } = await clientWithCapture();
    clients.push(client);
    const total = MAX_SOURCE_LOCATIONS + 500;
    for (let i = 0; i < total; i++) {
      client.zoneBegin(1, at(i * 10), { name: `test ${i}`, file: '/repo/many.test.ts', line: i });
      client.zoneEnd(1, at(i * 10 + 5));
    }
    await client.shutdown();
    const outcome = await capture.done;
    expect(outcome.errors).toEqual([]);
    expect(outcome.finished).toBe(true);
    expect(capture.model.zoneCount).toBe(total);
    expect(capture.model.payloadSourceLocations.size).toBe(MAX_SOURCE_LOCATIONS);
    expect(client.stats.distinctSites).toBe(MAX_SOURCE_LOCATIONS);
    expect(logs.filter((line) => line.includes('distinct zone sites'))).toHaveLength(1);
    const last = capture.model.threads.get(1)!.zones.at(-1)!;
    expect('name' in last.site && last.site.name).toMatch(/beyond the 32,767/);
  });

  it('splits a large burst into frames of at most 256 KiB of whole items', async () => {
    const { client, capture } = await clientWithCapture({ compression: 'literal' }, { keepFrames: true, keepEvents: false });
    clients.push(client);
    const site = { name: 'x'.repeat(300), file: '/repo/long.test.ts', line: 1 };
    for (let i = 0; i < 20_000; i++) {
      client.zoneBegin(1, at(i * 10), site);
      client.zoneEnd(1, at(i * 10 + 5));
    }
    await client.shutdown();
    const outcome = await capture.done;
    expect(outcome.errors).toEqual([]);
    expect(capture.model.zoneCount).toBe(20_000);
    const sizes = capture.frames.map((frame) => frame.decompressedSize);
    expect(sizes.length).toBeGreaterThan(20);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(262_144);
    expect(Math.max(...sizes)).toBeGreaterThan(262_144 - 400);
  });

  it('bounds the events kept before a capture connects and keeps the kept zones whole', async () => {
    const logs: string[] = [];
    const client = await TracyClient.listen({ port: 0, maxBacklogEvents: 10, log: (line) => logs.push(line) });
    clients.push(client);
    const site = { name: 'early', file: 'a.ts', line: 1 };
    client.zoneBegin(1, 1_000n, site); // kept; its end is kept though the backlog is full by then
    for (let i = 0; i < 20; i++) {
      client.zoneBegin(1, BigInt(2_000 + i * 10), site);
      client.zoneEnd(1, BigInt(2_005 + i * 10));
    }
    client.zoneEnd(1, 9_000n);
    const capture = await FakeCapture.connect({ port: client.port });
    await client.waitForCapture(5000);
    await client.shutdown();
    const outcome = await capture.done;
    expect(outcome.errors).toEqual([]);
    expect(outcome.finished).toBe(true);
    // Begins are kept while fewer than 10 events are held (the outer one and 5 inner ones);
    // the ends of kept zones are always kept.
    expect(capture.model.zoneCount).toBe(6);
    expect(client.stats.dropped).toBe(15);
    expect(logs.join('\n')).toMatch(/backlog holds its 10 events/);
  });

  it('drops messages and plot points for a full backlog as a full backlog, like zones, not as a congested capture', async () => {
    const logs: string[] = [];
    const client = await TracyClient.listen({ port: 0, maxBacklogEvents: 2, log: (line) => logs.push(line) });
    clients.push(client);
    client.message(1, 1_000n, 'kept');
    client.plot('items', 1_100n, 1);
    client.message(1, 1_200n, 'dropped');
    client.plot('items', 1_300n, 2);
    expect(client.stats.dropped).toBe(2);
    expect(logs).toEqual(['tracy: dropping events: no capture connected and the backlog holds its 2 events']);
  });
});
