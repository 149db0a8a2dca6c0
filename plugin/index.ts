/**
 * `perfReport()` for `plugins: [...]` in vitest.config: in a perf run (`--mode perf`, `-- --perf`,
 * PERF_MODE=true or `enabled: true`) it adds the perf-report reporter, which does the rest.
 * Outside a perf run it does nothing at all.
 */
import type { Plugin, TestProjectConfiguration, ViteUserConfig } from 'vitest/config';
import type { Vitest } from 'vitest/node';
import { PERF_OPTION_KEYS, PERF_REPORTER, isPerfRun, type PerfOptions } from '../src/session/options.js';

export type { PerfOptions } from '../src/session/options.js';

/** Vitest instances whose reporters a perf-report plugin has seen, in this process. */
const seen = new WeakSet<object>();
let configureVitestCalls = 0;

export function perfReport(options: PerfOptions = {}): Plugin {
  return {
    name: 'perf-report',
    config(config) {
      // Vitest calls configureVitest only on the plugins of the projects it runs, and a
      // `test.projects` entry does not inherit the root config's plugins (unless it
      // `extends` it): without this the plugin at the root of a monorepo never runs.
      addToInlineProjects(config, projectPlugin(options));
    },
    configureVitest: ({ vitest }) => addReporter(vitest, options),
    configureServer(server) {
      // Vitest's own plugin (enforce: 'pre') has resolved the projects and called their
      // configureVitest hooks by now. Projects given as config files that do not list the
      // plugin never called ours: say so instead of a silent run.
      const projects = (server.config as { test?: ViteUserConfig['test'] }).test?.projects;
      if (configureVitestCalls > 0 || !Array.isArray(projects) || projects.length === 0) return;
      // A project that `extends` the root config runs this too, in its own server, before any configureVitest.
      if (server.config.plugins.some((plugin) => plugin.name.startsWith('vitest:project'))) return;
      if (!isPerfRun({ argv: process.argv, env: process.env, mode: server.config.mode, enabled: options.enabled })) return;
      server.config.logger.warn(
        'perf-report: no project of this run lists the perfReport() plugin, so nothing is profiled; add it to each project config, ' +
          "or use the reporter at the root: reporters: ['default', 'perf-report']",
      );
    },
  };
}

export default perfReport;

/** What the root plugin puts into each inline project: the hook that adds the reporter, and nothing else. */
function projectPlugin(options: PerfOptions): Plugin {
  return { name: 'perf-report:project', configureVitest: ({ vitest }) => addReporter(vitest, options) };
}

async function addReporter(vitest: Vitest, options: PerfOptions): Promise<void> {
  configureVitestCalls += 1;
  // The root's mode: Vitest starts each project's Vite server in mode "test", whatever `--mode` says.
  const perf = isPerfRun({ argv: process.argv, env: process.env, mode: vitest.vite.config.mode, enabled: options.enabled });
  if (!perf) return;
  const reporters = vitest.config.reporters as unknown[];
  // Every project of the run calls this; the first one adds the reporter, which serves them all.
  if (seen.has(vitest) || reporters.some(isReporterInstance)) return;
  seen.add(vitest);
  // A 'perf-report' named in reporters (config or --reporter) is replaced by one that knows
  // the plugin's options; its own options win.
  const named = reporters.findIndex(isReporterReference);
  const namedOptions = named === -1 ? {} : referenceOptions(reporters[named]);
  if (named !== -1) reporters.splice(named, 1);
  // Imported only now: outside a perf run the plugin loads nothing.
  const { default: PerfReporter } = await import('../reporter/vitest-reporter.js');
  // Here and not in config(): a reporters entry from config() would drop Vitest's default reporter.
  reporters.push(new PerfReporter({ ...options, ...namedOptions }));
}

/** Adds `plugin` to every inline entry of `test.projects` (objects, promises and functions of them); config-file entries are left alone. */
function addToInlineProjects(config: ViteUserConfig, plugin: Plugin): void {
  const projects = config.test?.projects;
  if (!config.test || !Array.isArray(projects)) return;
  const withPlugin = <T>(project: T): T => {
    if (typeof project !== 'object' || project === null) return project;
    const plugins = (project as { plugins?: unknown[] }).plugins ?? [];
    return { ...project, plugins: [...plugins, plugin] };
  };
  config.test.projects = projects.map((entry: TestProjectConfiguration): TestProjectConfiguration => {
    if (typeof entry === 'string') return entry;
    if (typeof entry === 'function') return (async (env: Parameters<typeof entry>[0]) => withPlugin(await entry(env))) as TestProjectConfiguration;
    if (entry instanceof Promise) return entry.then(withPlugin) as TestProjectConfiguration;
    return withPlugin(entry);
  });
}

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
