import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { FileProfiler } from '../../src/zones/cpu-profiler.js';

/** Keeps the CPU busy so that the sampler has something to see. */
export function spin(ms: number): number {
  let x = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) x += Math.sqrt(x + 1);
  return x;
}

/** One test file's profile: started, 20 ms of work, finished. */
export async function profileFile(profiler: FileProfiler, file: string): Promise<void> {
  await profiler.fileStarting(file);
  spin(20);
  await profiler.fileFinished(file);
}

/** A project directory (package.json `profiled-app` 3.1.0) for the file's tests, removed after them. */
export function useProfiledProject(): () => string {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'perf-report-cpuprofile-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'profiled-app', version: '3.1.0' }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}
