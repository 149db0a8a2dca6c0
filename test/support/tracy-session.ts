import { TracyClient, type TracyClientOptions } from '../../src/tracy/index.js';
import { FakeCapture, type FakeCaptureOptions } from './tracy-double/fake-capture.js';

/** A client on a free loopback port, its log lines, and a fake capture connected to it. */
export async function clientWithCapture(
  clientOptions: TracyClientOptions = {},
  captureOptions: Omit<FakeCaptureOptions, 'port'> = {},
): Promise<{ client: TracyClient; capture: FakeCapture; logs: string[] }> {
  const logs: string[] = [];
  const client = await TracyClient.listen({ port: 0, log: (line) => logs.push(line), clock: () => ORIGIN, ...clientOptions });
  const capture = await FakeCapture.connect({ port: client.port, ...captureOptions });
  if (!(await client.waitForCapture(5000))) throw new Error('the fake capture did not complete the handshake');
  return { client, capture, logs };
}

/** The clock value at listen(): event times are given relative to it in the tests. */
export const ORIGIN = 5_000_000_000n;
export const at = (ns: number): bigint => ORIGIN + BigInt(ns);
