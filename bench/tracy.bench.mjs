// Live Tracy client throughput: zones per second from the main process into a capture, with
// no drops, and the bytes per zone on the wire. The capture is the test double of
// test/support/tracy-double (handshake, independent LZ4 decoding with lz4js, every item decoded,
// queries answered), compiled once and run in a child process so it has a core of its own.
// Run after `npm run build`: node bench/tracy.bench.mjs
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ZONES = 2_000_000;
const THREADS = 4;
const SITES = 200;
const BATCH = 5_000;
const root = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = fileURLToPath(new URL('../node_modules/.cache/tracy-bench/', import.meta.url));

if (process.argv[2] === 'capture') {
  // Child: one fake capture session; prints its outcome as JSON.
  const { FakeCapture } = await import(new URL('tracy-double/fake-capture.js', `file://${cacheDir}`).href);
  const capture = await FakeCapture.connect({ port: Number(process.argv[3]), protocol: Number(process.argv[4]), keepEvents: false });
  const outcome = await capture.done;
  process.stdout.write(
    JSON.stringify({ ...outcome, zones: capture.model.zoneCount, frames: capture.frameCount, compressed: capture.compressedBytes, decompressed: capture.decompressedBytes }),
  );
  process.exit(0);
}

compileFakeCapture();
const { TracyClient } = await import('../dist/src/tracy/index.js');

console.log(`live Tracy client: ${ZONES.toLocaleString('en')} zones (2-level nesting, ${THREADS} threads, ${SITES} sites) into the fake capture in a child process`);
console.log('variant                         zones/s (end to end)   client-side zones/s   wire B/zone   items B/zone   drops   capture');
for (const variant of [
  { compression: 'lz4', protocol: 76, time: 'bigint' },
  { compression: 'lz4', protocol: 82, time: 'bigint' },
  { compression: 'lz4', protocol: 76, time: 'number' },
  { compression: 'literal', protocol: 76, time: 'bigint' },
  { compression: 'literal', protocol: 82, time: 'number' },
]) {
  const result = await run(variant);
  const label = `${variant.compression}, protocol ${variant.protocol}, ${variant.time} ns`;
  console.log(
    `${label.padEnd(32)}${fmt(result.endToEnd).padStart(20)}${fmt(result.clientSide).padStart(22)}${result.wirePerZone.toFixed(2).padStart(14)}${result.itemsPerZone.toFixed(2).padStart(15)}${String(result.dropped).padStart(8)}   ${result.captureNote}`,
  );
}
console.log('target: ≥ 2,000,000 zones/s sustained with no drops (end to end: first event until the capture has decoded everything and closed)');

function fmt(value) {
  return Math.round(value).toLocaleString('en');
}

function compileFakeCapture() {
  mkdirSync(cacheDir, { recursive: true });
  const config = {
    extends: `${root}tsconfig.json`,
    compilerOptions: { rootDir: `${root}test/support`, outDir: cacheDir, declaration: false, sourceMap: false, noEmit: false },
    include: [`${root}test/support/tracy-double/*.ts`],
  };
  const configPath = `${cacheDir}tsconfig.json`;
  writeFileSync(configPath, JSON.stringify(config));
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', configPath], { cwd: root, stdio: 'inherit' });
}

async function run({ compression, protocol, time }) {
  const client = await TracyClient.listen({ port: 0, compression, log: () => {} });
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'capture', String(client.port), String(protocol)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  if (!(await client.waitForCapture(10_000))) throw new Error('the fake capture did not connect');

  const sites = Array.from({ length: SITES }, (_, i) => ({ name: `suite ${i % 20} > test ${i}`, file: `/repo/test/file-${i % 20}.test.ts`, line: 10 + i }));
  const files = Array.from({ length: 20 }, (_, i) => ({ name: `file-${i}.test.ts`, file: `/repo/test/file-${i}.test.ts`, line: 1 }));
  for (let t = 1; t <= THREADS; t++) client.threadName(t, `vitest worker ${t}`);
  const asNumber = time === 'number';
  let clock = process.hrtime.bigint();
  let clockNumber = Number(clock);
  const started = process.hrtime.bigint();
  let zones = 0;
  // Each batch is one worker's flush: an outer file zone holding many test zones.
  while (zones < ZONES) {
    const thread = 1 + ((zones / BATCH) % THREADS);
    const file = files[(zones / BATCH) % files.length];
    const count = Math.min(BATCH, ZONES - zones);
    if (asNumber) {
      client.zoneBegin(thread, clockNumber, file);
      for (let i = 1; i < count; i++) {
        client.zoneBegin(thread, clockNumber + 10, sites[i % SITES]);
        client.zoneEnd(thread, clockNumber + 250);
        clockNumber += 300;
      }
      client.zoneEnd(thread, clockNumber + 10);
      clockNumber += 20;
    } else {
      client.zoneBegin(thread, clock, file);
      for (let i = 1; i < count; i++) {
        client.zoneBegin(thread, clock + 10n, sites[i % SITES]);
        client.zoneEnd(thread, clock + 250n);
        clock += 300n;
      }
      client.zoneEnd(thread, clock + 10n);
      clock += 20n;
    }
    zones += count;
    // The collector's rhythm: a batch per event-loop turn, waiting when the socket is full.
    await client.whenDrained();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const submitted = process.hrtime.bigint();
  await client.shutdown(60_000);
  await exited;
  const finished = process.hrtime.bigint();
  const stats = client.stats;
  const capture = JSON.parse(output);
  const seconds = (to) => Number(to - started) / 1e9;
  const ok = capture.finished && capture.errors.length === 0 && capture.zones === ZONES;
  return {
    endToEnd: ZONES / seconds(finished),
    clientSide: ZONES / seconds(submitted),
    wirePerZone: stats.wireBytes / ZONES,
    itemsPerZone: stats.itemBytes / ZONES,
    dropped: stats.dropped,
    captureNote: ok ? `ok: ${capture.zones.toLocaleString('en')} zones, ${capture.frames} frames` : `PROBLEM: ${JSON.stringify(capture).slice(0, 300)}`,
  };
}
