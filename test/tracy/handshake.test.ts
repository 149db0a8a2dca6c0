import { afterEach, describe, expect, it } from 'vitest';
import { TracyClient } from '../../src/tracy/index.js';
import { FakeCapture } from '../support/tracy-double/fake-capture.js';
import { at, clientWithCapture, ORIGIN } from '../support/tracy-session.js';

const clients: TracyClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.shutdown(1000)));
});

describe('handshake, welcome and a first zone', () => {
  it('welcomes a protocol-76 capture and delivers one named zone on a named thread', async () => {
    const { client, capture } = await clientWithCapture({ programName: 'math suite' });
    clients.push(client);
    client.threadName(3, 'vitest worker 3');
    const site = { name: 'math > adds', function: 'adds', file: '/repo/math.test.ts', line: 4, color: 0x112233 };
    client.zoneBegin(3, at(1_500), site);
    client.zoneEnd(3, at(4_000));
    await client.shutdown();
    const outcome = await capture.done;

    expect(outcome).toEqual({ status: 1, finished: true, errors: [], waitingFor: [] });
    expect(capture.welcome).toMatchObject({ timerMul: 1, initBegin: 0n, exectime: 0n, flags: 0, programName: 'math suite', pid: BigInt(process.pid) });
    expect(capture.welcome!.hostInfo).toContain('Node.js');
    const thread = capture.model.threads.get(3)!;
    expect(thread.name).toBe('vitest worker 3');
    expect(thread.zones).toEqual([
      {
        thread: 3,
        begin: 1_500,
        end: 4_000,
        depth: 0,
        site: { name: 'math > adds', function: 'adds', file: '/repo/math.test.ts', line: 4, color: 0x112233 },
      },
    ]);
    expect(client.stats).toMatchObject({ protocol: 76, zones: 1, dropped: 0, unmatchedEnds: 0 });
  });

  it('accepts number nanoseconds as well as bigint, and defaults the function to the zone name', async () => {
    const { client, capture } = await clientWithCapture();
    clients.push(client);
    client.zoneBegin(1, Number(ORIGIN) + 10, { name: 'setup', file: 'a.ts', line: 1 });
    client.zoneEnd(1, Number(ORIGIN) + 30.4);
    await client.shutdown();
    await capture.done;
    const [zone] = capture.model.threads.get(1)!.zones;
    expect(zone).toMatchObject({ begin: 10, end: 30, site: { name: 'setup', function: 'setup', color: 0 } });
  });

  it('keeps events that arrive before the capture and sends them after the handshake', async () => {
    const logs: string[] = [];
    const client = await TracyClient.listen({ port: 0, log: (line) => logs.push(line), clock: () => ORIGIN });
    clients.push(client);
    client.threadName(1, 'main');
    // Earlier than the client's own origin: initBegin must move back to it.
    client.zoneBegin(1, at(-2_000), { name: 'early', file: 'a.ts', line: 1 });
    client.zoneEnd(1, at(-1_000));
    client.zoneBegin(1, at(100), { name: 'open across the handshake', file: 'a.ts', line: 2 });
    const capture = await FakeCapture.connect({ port: client.port });
    expect(await client.waitForCapture(5000)).toBe(true);
    client.zoneEnd(1, at(900));
    await client.shutdown();
    expect((await capture.done).finished).toBe(true);
    expect(capture.welcome!.initBegin).toBe(-2_000n);
    expect(capture.model.threads.get(1)!.zones.map((zone) => [zone.site, zone.begin, zone.end])).toEqual([
      [{ name: 'early', function: 'early', file: 'a.ts', line: 1, color: 0 }, -2_000, -1_000],
      [{ name: 'open across the handshake', function: 'open across the handshake', file: 'a.ts', line: 2, color: 0 }, 100, 900],
    ]);
  });

  it('answers a capture of an unknown protocol with ProtocolMismatch, logs both versions, and waits for another', async () => {
    const logs: string[] = [];
    const client = await TracyClient.listen({ port: 0, log: (line) => logs.push(line) });
    clients.push(client);
    const stale = await FakeCapture.connect({ port: client.port, protocol: 63 });
    expect((await stale.done).status).toBe(2);
    expect(logs.join('\n')).toMatch(/protocol 63; this client speaks 76 and 82/);
    const good = await FakeCapture.connect({ port: client.port });
    expect(await client.waitForCapture(5000)).toBe(true);
    await client.shutdown();
    expect((await good.done).finished).toBe(true);
  });

  it('turns away a second capture with NotAvailable while the first one is connected', async () => {
    const { client, capture } = await clientWithCapture();
    clients.push(client);
    const second = await FakeCapture.connect({ port: client.port });
    expect((await second.done).status).toBe(3);
    await client.shutdown();
    expect((await capture.done).finished).toBe(true);
  });

  it('reports false from waitForCapture when no capture comes', async () => {
    const client = await TracyClient.listen({ port: 0, log: () => {} });
    clients.push(client);
    expect(await client.waitForCapture(50)).toBe(false);
  });
});
