// Extraction of a 50 MB `.cpuprofile`: a synthetic profile shaped like a long test
// run — a deep call tree of a few thousand nodes and about two million samples — written to a
// temp file, then read and aggregated per function by the extractor. Run after the build.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractCpuProfile } from '../dist/src/extract/cpuprofile/extract-cpuprofile.js';

const TARGET_BYTES = 50 * 1024 * 1024;
const FUNCTIONS = 400;
const NODES = 6000;

// A deterministic pseudo-random sequence, so every run measures the same file.
let state = 12345;
const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);

const nodes = [{ id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, hitCount: 0, children: [] }];
for (let id = 2; id <= NODES; id++) {
  const parent = nodes[Math.floor(random() * nodes.length)];
  const fn = Math.floor(random() * FUNCTIONS);
  const node = {
    id,
    callFrame: { functionName: `fn${fn}`, scriptId: String(fn % 40), url: `file:///project/src/module${fn % 40}.ts`, lineNumber: fn * 3, columnNumber: 2 },
    hitCount: 0,
    children: [],
  };
  parent.children.push(id);
  nodes.push(node);
}
// Each sample adds about 8.5 bytes of JSON ("1234," in samples and "100," in timeDeltas).
const header = JSON.stringify({ nodes, startTime: 0, endTime: 0 }).length;
const sampleCount = Math.floor((TARGET_BYTES - header) / 8.5);
const samples = new Array(sampleCount);
const timeDeltas = new Array(sampleCount);
for (let i = 0; i < sampleCount; i++) {
  samples[i] = 2 + Math.floor(random() * (NODES - 1));
  timeDeltas[i] = 90 + Math.floor(random() * 20);
}
const endTime = timeDeltas.reduce((sum, delta) => sum + delta, 0) + 100;

const dir = mkdtempSync(join(tmpdir(), 'perf-report-cpuprofile-bench-'));
try {
  const file = join(dir, 'big.cpuprofile');
  writeFileSync(file, JSON.stringify({ nodes, startTime: 0, endTime, samples, timeDeltas }));
  const size = statSync(file).size;
  const times = [];
  let profile;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    profile = await extractCpuProfile(file, { projectRoot: '/project' });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`cpuprofile: ${(size / 1024 / 1024).toFixed(1)} MiB, ${NODES.toLocaleString('en')} nodes, ${sampleCount.toLocaleString('en')} samples → ${profile.functions.length} functions`);
  console.log(`  extraction median ${times[1].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[2].toFixed(0)})`);
  console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
