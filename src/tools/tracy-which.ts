import { tracyCacheRoot } from './tracy-cache.js';
import { inspectTracyTool, tracyPairProblem, type TracyToolReport } from './tracy-tool-check.js';
import { locateTracyTool, TRACY_TOOL_ENV, type LocatedTracyTool, type TracyToolName } from './tracy-tools.js';

export interface TracyToolsDescription {
  /** One line per tool: path, where it was found, version, verdict. */
  lines: string[];
  /** Why the pair cannot be used, in one line; undefined when it can. */
  problem: string | undefined;
}

/**
 * What `perf-report tracy which` prints: the tools the backends would take (same lookup:
 * option, environment variable, PATH, cache) and the same version check.
 */
export function describeTracyTools(explicit: { capture?: string | undefined; csvexport?: string | undefined }, env: NodeJS.ProcessEnv = process.env): TracyToolsDescription {
  const tools: [TracyToolName, string | undefined][] = [
    ['tracy-capture', explicit.capture],
    ['tracy-csvexport', explicit.csvexport],
  ];
  const lines: string[] = [];
  const reports: TracyToolReport[] = [];
  const missing: string[] = [];
  for (const [tool, path] of tools) {
    const located = locateTracyTool(tool, path, env);
    if (!located) {
      const reason = notFound(tool, path, env);
      missing.push(`${tool} ${reason}`);
      lines.push(`${tool.padEnd(16)} ${reason}`);
      continue;
    }
    const report = inspectTracyTool(tool, located.path);
    reports.push(report);
    lines.push(`${tool.padEnd(16)} ${located.path} (${origin(tool, located)}): ${verdict(report)}`);
  }
  if (missing.length > 0) {
    return { lines, problem: `${missing.join('; ')}. Run \`npx perf-report tracy build\` to build Tracy's tools into the cache` };
  }
  const [capture, csvexport] = reports as [TracyToolReport, TracyToolReport];
  return { lines, problem: tracyPairProblem(capture, csvexport) };
}

function origin(tool: TracyToolName, located: LocatedTracyTool): string {
  switch (located.from) {
    case 'option':
      return 'from the option';
    case 'env':
      return `from ${TRACY_TOOL_ENV[tool]}`;
    case 'PATH':
      return 'on PATH';
    case 'cache':
      return 'in the perf-report cache';
  }
}

function verdict(report: TracyToolReport): string {
  if (report.problem) return `not usable: ${report.problem}`;
  if (report.version === undefined) {
    return 'version not printed (Tracy before 0.14 prints none), usable; the protocol is checked when the capture connects';
  }
  const protocol = report.protocol === undefined ? '' : `, protocol ${report.protocol}`;
  return `Tracy ${report.version}${protocol} (from its ${report.versionFrom}), usable`;
}

function notFound(tool: TracyToolName, explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  const variable = TRACY_TOOL_ENV[tool];
  if (explicit) return `not found: ${explicit} (the option) is not an executable file`;
  if (env[variable]) return `not found: ${variable}=${env[variable]} is not an executable file`;
  return `not found: not on PATH, and no build in ${tracyCacheRoot(env)}`;
}
