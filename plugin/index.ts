/**
 * `perfReport()` for `plugins: [...]` in vitest.config: in a perf run (`--mode perf`, `-- --perf`,
 * PERF_MODE=true or `enabled: true`) it adds the perf-report reporter, which does the rest.
 * Outside a perf run it does nothing at all.
 */
import type { Plugin } from 'vitest/config';
import { PERF_OPTION_KEYS, PERF_REPORTER, isPerfRun, type PerfOptions } from '../src/session/options.js';

export type { PerfOptions } from '../src/session/options.js';

export function perfReport(options: PerfOptions = {}): Plugin {
  return {
    name: 'perf-report',
    async configureVitest({ vitest, project }) {
      const perf = isPerfRun({ argv: process.argv, env: process.env, mode: project.vite.config.mode, enabled: options.enabled });
      if (!perf) return;
      const reporters = vitest.config.reporters as unknown[];
      if (reporters.some(isReporterInstance)) return;
      // A 'perf-report' named in reporters (config or --reporter) is replaced by one that knows
      // the plugin's options; its own options win.
      const named = reporters.findIndex(isReporterReference);
      const namedOptions = named === -1 ? {} : referenceOptions(reporters[named]);
      if (named !== -1) reporters.splice(named, 1);
      // Imported only now: outside a perf run the plugin loads nothing.
      const { default: PerfReporter } = await import('../reporter/vitest-reporter.js');
      // Here and not in config(): a reporters entry from config() would drop Vitest's default reporter.
      reporters.push(new PerfReporter({ ...options, ...namedOptions }));
    },
  };
}

export default perfReport;

function isReporterInstance(entry: unknown): boolean {
  return typeof entry === 'object' && entry !== null && PERF_REPORTER in entry;
}

function isReporterReference(entry: unknown): boolean {
  const reference = Array.isArray(entry) ? entry[0] : entry;
  return typeof reference === 'string' && (reference === 'perf-report' || /[/\\]vitest-reporter\.js$/.test(reference));
}

function referenceOptions(entry: unknown): PerfOptions {
  const options = Array.isArray(entry) ? entry[1] : undefined;
  if (typeof options !== 'object' || options === null) return {};
  // Vitest adds its own keys to reporter options; keep only ours.
  const given = options as Record<string, unknown>;
  return Object.fromEntries(PERF_OPTION_KEYS.filter((key) => given[key] !== undefined).map((key) => [key, given[key]])) as PerfOptions;
}
