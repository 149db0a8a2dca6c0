import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './fixtures.js';

/** The project directory the recorded profiles name in their script URLs (fixtures/cpuprofile/MANIFEST.md). */
const RECORDED_PROJECT_URL = 'file:///perf-report-project/';

/**
 * Writes the recorded `.cpuprofile` of the hot-loop program's `version` (1.0.0 or 1.1.0) to
 * `file`, its script URLs pointing into `projectDir`, as if that project had been profiled:
 * the tests judge fixed samples, never the machine's load at the time they run.
 */
export function writeRecordedCpuProfile(version: '1.0.0' | '1.1.0', projectDir: string, file: string): void {
  const recorded = readFileSync(join(repoRoot, `fixtures/cpuprofile/recorded/hot.${version}.cpuprofile`), 'utf8');
  const projectUrl = pathToFileURL(join(projectDir, '/')).href;
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, recorded.split(RECORDED_PROJECT_URL).join(projectUrl));
}
