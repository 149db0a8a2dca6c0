import { createConnection } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TracyClient } from '../../src/tracy/index.js';
import { ServerQuery } from '../support/tracy-double/server-query.js';
import { at, clientWithCapture } from '../support/tracy-session.js';

const clients: TracyClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.shutdown(1000)));
});

const site = (name: string, line = 1) => ({ name, file: '/repo/suite.test.ts', line });

describe('server queries', () => {
  it('answers every kind of query once, source locations in the order asked, so the capture finishes', async () => {
    const { client, capture } = await clientWithCapture();
    clients.push(client);
    client.zoneBegin(1, at(10), site('a'));
    client.zoneEnd(1, at(20));
    capture.ask(ServerQuery.SourceCode, 7n);
    capture.ask(ServerQuery.SymbolCode, 0x1234n);
    capture.ask(ServerQuery.Parameter, 2n);
    capture.ask(ServerQuery.DataTransfer, 15n);
    capture.ask(ServerQuery.DataTransferPart, 0x65696c6374736574n, 0x632e7470);
    capture.ask(ServerQuery.String, 0xdead_beefn);
    capture.ask(ServerQuery.FrameName, 77n);
    capture.ask(ServerQuery.FiberName, 5n);
    // Source locations we never announced: answered FIFO; the capture then asks their strings.
    capture.ask(ServerQuery.SourceLocation, 0x5000n);
    capture.ask(ServerQuery.SourceLocation, 0x6000n);
    await client.shutdown();
    const outcome = await capture.done;
    expect(outcome).toEqual({ status: 1, finished: true, errors: [], waitingFor: [] });
    const counts = Object.fromEntries(capture.model.itemCounts);
    expect(counts).toMatchObject({
      AckSourceCodeNotAvailable: 1,
      AckSymbolCodeNotAvailable: 1,
      AckServerQueryNoop: 3,
      StringData: 2, // 0xdeadbeef and the one string id of the unknown source locations
      FrameName: 1,
      FiberName: 1,
      SourceLocation: 2,
      ThreadName: 1,
      Terminate: 1,
    });
    expect([...capture.model.staticSourceLocations.keys()]).toEqual([0x5000, 0x6000]);
  });

  it('answers a ThreadString query with the name given, or "thread N" when none was', async () => {
    const { client, capture } = await clientWithCapture();
    clients.push(client);
    client.threadName(1, 'main');
    client.threadName(2, 'jest worker 1');
    for (const thread of [1, 2, 9]) {
      client.zoneBegin(thread, at(thread * 100), site(`t${thread}`));
      client.zoneEnd(thread, at(thread * 100 + 50));
    }
    await client.shutdown();
    expect((await capture.done).finished).toBe(true);
    expect(Object.fromEntries([...capture.model.threads].map(([id, thread]) => [id, thread.name]))).toEqual({ 1: 'main', 2: 'jest worker 1', 9: 'thread 9' });
  });

  it('sends Terminate when the capture asks to disconnect, and keeps answering', async () => {
    const { client, capture, logs } = await clientWithCapture();
    clients.push(client);
    client.zoneBegin(1, at(10), site('left open'));
    capture.ask(ServerQuery.Disconnect, 0n);
    const outcome = await capture.done;
    expect(outcome).toEqual({ status: 1, finished: true, errors: [], waitingFor: [] });
    expect(capture.model.threads.get(1)!.zones).toHaveLength(1);
    client.zoneBegin(1, at(30), site('after the end'));
    expect(client.stats.dropped).toBe(1);
    expect(logs.join('\n')).toMatch(/closed 1 zones still open/);
  });
});

describe('shutdown', () => {
  it('closes zones left open at each thread’s last event time so the capture does not wait forever', async () => {
    const { client, capture, logs } = await clientWithCapture();
    clients.push(client);
    client.zoneBegin(1, at(100), site('outer'));
    client.zoneBegin(1, at(200), site('inner'));
    client.message(1, at(700), 'last event of thread 1');
    client.zoneBegin(2, at(300), site('other thread'));
    await client.shutdown();
    const outcome = await capture.done;
    expect(outcome).toEqual({ status: 1, finished: true, errors: [], waitingFor: [] });
    expect(capture.model.crashed).toBe(false);
    const spans = (thread: number) => capture.model.threads.get(thread)!.zones.map((zone) => ['name' in zone.site ? zone.site.name : '', zone.begin, zone.end]);
    expect(spans(1)).toEqual([
      ['inner', 200, 700],
      ['outer', 100, 700],
    ]);
    expect(spans(2)).toEqual([['other thread', 300, 300]]);
    expect(logs.join('\n')).toMatch(/closed 3 zones still open/);
  });

  it('ignores a zoneEnd with nothing open, so the capture never sees an end without a begin', async () => {
    const { client, capture, logs } = await clientWithCapture();
    clients.push(client);
    client.zoneEnd(4, at(5));
    client.zoneBegin(4, at(10), site('a'));
    client.zoneEnd(4, at(20));
    client.zoneEnd(4, at(30));
    await client.shutdown();
    const outcome = await capture.done;
    expect(outcome.errors).toEqual([]);
    expect(outcome.finished).toBe(true);
    expect(capture.model.zoneCount).toBe(1);
    expect(client.stats.unmatchedEnds).toBe(2);
    expect(logs.filter((line) => line.includes('no open zone'))).toHaveLength(1);
  });

  it('gives up waiting after the timeout when the capture never finishes, and still stops listening', async () => {
    const logs: string[] = [];
    const client = await TracyClient.listen({ port: 0, log: (line) => logs.push(line) });
    // A capture that handshakes and then never answers or closes.
    const socket = createConnection({ port: client.port, host: '127.0.0.1' });
    socket.on('data', () => {});
    socket.write(Buffer.concat([Buffer.from('TracyPrf', 'latin1'), Buffer.from([76, 0, 0, 0])]));
    expect(await client.waitForCapture(5000)).toBe(true);
    await client.shutdown(100);
    expect(logs.join('\n')).toMatch(/did not finish within 100 ms/);
    await new Promise((resolve) => socket.once('close', resolve));
  });

  it('notices a capture that goes away mid-run and drops later events instead of failing', async () => {
    const { client, capture, logs } = await clientWithCapture();
    clients.push(client);
    client.zoneBegin(1, at(10), site('a'));
    capture.abort();
    await capture.done;
    await new Promise((resolve) => setTimeout(resolve, 20));
    client.zoneEnd(1, at(20));
    client.zoneBegin(1, at(30), site('b'));
    await client.shutdown();
    expect(logs.join('\n')).toMatch(/connection ended \(lost\)/);
    expect(client.stats.dropped).toBe(1);
  });
});
