import { execaSync } from 'execa';
import semver from 'semver';
import { buildRecordFor } from './tracy-build-record.js';
import type { TracyToolName } from './tracy-tools.js';
import { parseTracyVersion, protocolOfRelease, releaseProblem } from './tracy-version.js';

/** What running a tool without arguments and its build record say about it. */
export interface TracyToolReport {
  tool: TracyToolName;
  path: string;
  version: string | undefined;
  protocol: number | undefined;
  /** Where the version came from. */
  versionFrom: 'usage text' | 'build record' | undefined;
  /** Why the client cannot use it, in one line naming the tool; undefined when it can. */
  problem: string | undefined;
}

/** Long enough for a cold start on a busy machine; the tools print their usage and exit at once. */
const USAGE_TIMEOUT_MS = 15_000;

/**
 * Runs the tool without arguments (argv, no shell): Tracy's tools then print their usage and
 * exit 1, from 0.14 on with their version on top. A version printed by the tool wins over the
 * build record. A tool that says nothing about its version (Tracy before 0.14, not built by us)
 * is not refused here: the client checks the protocol again when the capture connects.
 */
export function inspectTracyTool(tool: TracyToolName, path: string): TracyToolReport {
  const result = execaSync(path, [], { reject: false, timeout: USAGE_TIMEOUT_MS, stdin: 'ignore', all: true });
  const report: TracyToolReport = { tool, path, version: undefined, protocol: undefined, versionFrom: undefined, problem: undefined };
  if (result.timedOut) {
    report.problem = `${tool} at ${path} did not exit within ${USAGE_TIMEOUT_MS / 1000} s when run without arguments; is it Tracy's?`;
    return report;
  }
  if (result.exitCode === undefined) {
    report.problem = `${tool} at ${path} could not be run: ${result.shortMessage}`;
    return report;
  }
  const printed = parseTracyVersion(String(result.all ?? ''));
  const record = printed ? undefined : buildRecordFor(path);
  report.version = printed ?? record?.version;
  report.versionFrom = printed ? 'usage text' : record ? 'build record' : undefined;
  if (report.version === undefined) return report;
  report.protocol = record?.protocol ?? protocolOfRelease(report.version);
  const problem = releaseProblem(report.version, report.protocol);
  if (problem) report.problem = `${tool} at ${path}: ${problem}`;
  return report;
}

/**
 * Why this capture/export pair cannot be used, in one line; undefined when it can. Besides
 * each tool's protocol: a tracy-csvexport older than the tracy-capture cannot read what the
 * capture writes (Tracy refuses files of a newer release).
 */
export function tracyPairProblem(capture: TracyToolReport, csvexport: TracyToolReport): string | undefined {
  if (capture.problem) return capture.problem;
  if (csvexport.problem) return csvexport.problem;
  if (capture.version && csvexport.version && semver.lt(csvexport.version, capture.version)) {
    return (
      `tracy-csvexport at ${csvexport.path} is Tracy ${csvexport.version}, older than tracy-capture at ${capture.path} ` +
      `(Tracy ${capture.version}), and cannot read the captures it writes; use both tools of one release`
    );
  }
  return undefined;
}

/**
 * The check the tracy and auto backends make once the tools are found, before any test runs:
 * the problem in one line, or undefined when the pair can be used.
 */
export function tracyToolsProblem(tools: { capture: string; csvexport: string }): string | undefined {
  return tracyPairProblem(inspectTracyTool('tracy-capture', tools.capture), inspectTracyTool('tracy-csvexport', tools.csvexport));
}
