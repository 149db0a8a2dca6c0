import { fileURLToPath } from 'node:url';
import type { Vitest } from 'vitest/node';

/** Built next to this file: dist/src/session → dist/plugin/runner.js, inside the installed package. */
export const RUNNER_PATH = fileURLToPath(new URL('../../plugin/runner.js', import.meta.url));

/**
 * Makes every project of the run use the perf runner, which times files, suites, hooks and
 * tests in the workers. A project with a runner of its own keeps it: its user zones (or, with
 * the cpuprofile backend, nothing) are recorded, and the user is told which.
 */
export function installPerfRunner(vitest: Vitest, records: 'zones' | 'cpuprofile', warn: (line: string) => void): void {
  for (const project of vitest.projects) {
    if (project.config.runner && project.config.runner !== RUNNER_PATH) {
      const kept = records === 'zones' ? 'only its user zones are recorded' : 'its test files are not profiled';
      warn(`perf-report: project "${project.name}" has its own runner (${project.config.runner}); ${kept}`);
      continue;
    }
    // Test and describe lines come from the test files' text (TaskZones), unless the project
    // has Vitest record exact locations itself, which costs a source-mapped stack per test.
    project.config.runner = RUNNER_PATH;
  }
}
