/**
 * A stand-in for Tracy's `tracy-capture -o <file> [-f] -a <address> -p <port>` for tests on
 * machines without Tracy. It does what the real one does at the protocol level (the fake
 * capture of test/support/tracy-double: handshake, LZ4 frames, queries, the Terminate ending), writes what it
 * decoded to the `-o` file (capture-file.ts) and exits 0 once the client has terminated.
 *
 * FAKE_TRACY_CAPTURE_MODE picks a failure to play:
 * - `crash-on-start`: prints an error and exits 3 without connecting;
 * - `never-connect`: waits forever without connecting (until SIGINT/SIGTERM), as the real one
 *   does when no client listens;
 * - `crash-mid-run`: connects, then drops the connection once the session is live and exits 3;
 * - `no-exit`: finishes the session but does not exit; on SIGINT it saves and exits, as the
 *   real one does;
 * - anything else: the real behaviour.
 * SIGINT saves what was decoded so far and exits 0, as tracy-capture does.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { FakeCapture } from '../tracy-double/fake-capture.js';
import type { CapturedZone } from '../tracy-double/capture-model.js';
import { FAKE_CAPTURE_FORMAT, type FakeCaptureFile, type FakeCaptureSite } from './capture-file.js';

const mode = process.env.FAKE_TRACY_CAPTURE_MODE ?? 'normal';
const args = parseArgs(process.argv.slice(2));
let capture: FakeCapture | undefined;
let saved = false;

process.on('SIGINT', () => {
  if (capture) save(capture, 'interrupted');
  process.exit(0);
});

await main();

async function main(): Promise<void> {
  if (!args.output) fail('Usage: capture -o output.tracy [-a address] [-p port] [-f]', 1);
  if (existsSync(args.output) && !args.force) fail(`Output file ${args.output} already exists! Use -f to force overwrite.`, 4);
  if (mode === 'crash-on-start') fail('fake tracy-capture: crashing on start as asked', 3);
  if (mode === 'never-connect') {
    // The real tool retries forever while no client answers; a timer keeps this one alive.
    setInterval(() => undefined, 1 << 30);
    return;
  }
  await waitForClient(args.address, args.port);
  process.stdout.write(`Connecting to ${args.address}:${args.port}...\n`);
  capture = await FakeCapture.connect({ host: args.address, port: args.port, keepEvents: true });
  if (mode === 'crash-mid-run') {
    const watched = capture;
    // Checked after every I/O turn: the crash comes right after the first data from the client,
    // before the session could end (that needs the socket's close, a later turn).
    const check = (): void => {
      if (watched.welcome === undefined) {
        setImmediate(check);
        return;
      }
      watched.abort();
      fail('fake tracy-capture: crashing mid-run as asked', 3);
    };
    setImmediate(check);
  }
  const outcome = await capture.done;
  if (!outcome.finished) process.stdout.write(`connection lost before the end: ${outcome.waitingFor.join('; ')}\n`);
  if (mode === 'no-exit') {
    setInterval(() => undefined, 1 << 30);
    return;
  }
  save(capture, 'finished');
  process.exit(0);
}

function save(from: FakeCapture, ending: FakeCaptureFile['ending']): void {
  if (saved) return;
  saved = true;
  const model = from.model;
  const sites = new Map<string, FakeCaptureSite>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const threads: FakeCaptureFile['threads'] = [];
  for (const thread of model.threads.values()) {
    threads.push({ id: thread.id, name: thread.name, zones: thread.zoneCount });
    for (const zone of thread.zones) {
      siteOf(zone, sites).durations.push(zone.end - zone.begin);
      first = Math.min(first, zone.begin);
      last = Math.max(last, zone.end);
    }
  }
  const file: FakeCaptureFile = {
    format: FAKE_CAPTURE_FORMAT,
    programName: from.welcome?.programName ?? '',
    spanNs: last > first ? last - first : 0,
    threads,
    sites: [...sites.values()],
    messages: model.messages.map((message) => ({ thread: message.thread, text: message.text })),
    plots: [...model.plots.values()].map((plot) => ({ name: plot.name, values: plot.points.map((point) => point.value) })),
    ending,
    errors: model.errors,
  };
  writeFileSync(args.output!, JSON.stringify(file));
}

function siteOf(zone: CapturedZone, sites: Map<string, FakeCaptureSite>): FakeCaptureSite {
  const site = 'staticPtr' in zone.site ? { name: `static ${zone.site.staticPtr}`, function: '', file: '', line: 0 } : zone.site;
  const key = `${site.name}\0${site.function}\0${site.file}\0${site.line}`;
  let entry = sites.get(key);
  if (!entry) {
    // As tracy-csvexport: a zone without a name of its own is listed under its function.
    entry = { name: site.name || site.function, function: site.function, file: site.file, line: site.line, durations: [] };
    sites.set(key, entry);
  }
  return entry;
}

/** tracy-capture keeps trying until a client answers; so does this one. */
async function waitForClient(host: string, port: number): Promise<void> {
  for (;;) {
    const reachable = await new Promise<boolean>((resolve) => {
      const probe = connect({ host, port });
      probe.once('connect', () => {
        probe.destroy();
        resolve(true);
      });
      probe.once('error', () => resolve(false));
    });
    if (reachable) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function parseArgs(argv: string[]): { output: string | undefined; address: string; port: number; force: boolean } {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at === -1 ? undefined : argv[at + 1];
  };
  return { output: value('-o'), address: value('-a') ?? '127.0.0.1', port: Number(value('-p') ?? 8086), force: argv.includes('-f') };
}

function fail(message: string, code: number): never {
  process.stdout.write(`${message}\n`);
  process.exit(code);
}
