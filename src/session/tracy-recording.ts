import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { USER_ENV } from '../environment.js';
import { messageOf } from '../errors.js';
import type { ZoneStat } from '../model/zone-stat.js';
import { csvPathForCapture, exportTracyCapture } from '../extract/tracy-export.js';
import { TracyBridge, type RunnerName } from '../collect/tracy-bridge.js';
import { TracyClient } from '../tracy/index.js';
import type { TracyTools } from './backend-choice.js';
import { wholeNumberAtLeast, settingFrom } from './settings.js';
import { TracyCaptureProcess, type CaptureExit } from './tracy-capture-process.js';

/** How our Tracy client meets tracy-capture, and how long each side may take. */
export interface TracyConnection {
  /** Tracy's 8086 unless TRACY_PORT or the option names another. */
  port: number;
  /** Ports tried from `port` on when it is busy: 20 by default (8086..8105, as Tracy's own client), 1 for a port the user chose. */
  portSearch: number;
  connectTimeoutMs: number;
  exitTimeoutMs: number;
}

export interface TracyRecordingRequest {
  tools: TracyTools;
  /** `<out>/<name>.<version>.tracy`; its CSV export lands beside it. */
  tracyPath: string;
  runner: RunnerName;
  /** The tested project's root: zone files are sent relative to it, as the embedded CSV has them. */
  root: string;
  connection: TracyConnection;
  log: (line: string) => void;
}

export type TracyStart = { recording: TracyRecording } | { fallback: string };
export type TracyResult = { csvPath: string; zones: ZoneStat[] } | { failure: string };

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_EXIT_TIMEOUT_MS = 60_000;
/** Tracy's default port, where the Tracy GUI looks first. */
const DEFAULT_PORT = 8086;
const DEFAULT_PORT_SEARCH = 20;
const HOST = '127.0.0.1';

/** The Tracy options, checked: a port (TRACY_PORT wins over `tracyPort`) and the two timeouts. */
export function tracyConnection(
  options: { tracyPort?: unknown; captureConnectTimeoutMs?: unknown; captureExitTimeoutMs?: unknown },
  env: NodeJS.ProcessEnv,
): TracyConnection {
  const port = settingFrom(env, USER_ENV.tracyPort, options.tracyPort, 'the tracyPort option', (value, where) =>
    wholeNumberAtLeast(value, where, 0, 65535),
  );
  return {
    port: port ?? DEFAULT_PORT,
    portSearch: port === undefined ? DEFAULT_PORT_SEARCH : 1,
    connectTimeoutMs: wholeNumberAtLeast(options.captureConnectTimeoutMs, 'the captureConnectTimeoutMs option', 1) ?? DEFAULT_CONNECT_TIMEOUT_MS,
    exitTimeoutMs: wholeNumberAtLeast(options.captureExitTimeoutMs, 'the captureExitTimeoutMs option', 1) ?? DEFAULT_EXIT_TIMEOUT_MS,
  };
}

/**
 * One run's live Tracy capture: our Tracy client in this process, tracy-capture connected to
 * it and writing the `.tracy` file, and the bridge that feeds the client the workers' events.
 * Every way this can fail ends in a value saying why, never a throw: the caller then keeps the
 * embedded collector's aggregate, so a failed capture never loses the run.
 */
export class TracyRecording {
  readonly bridge: TracyBridge;

  private constructor(
    private readonly client: TracyClient,
    private readonly capture: TracyCaptureProcess,
    private readonly request: TracyRecordingRequest,
  ) {
    this.bridge = new TracyBridge(client, request.runner, request.root, request.log);
  }

  /**
   * Starts tracy-capture and waits until it has connected: the connection is the readiness
   * signal, and the wait is ours to bound because tracy-capture waits for a client forever.
   */
  static async start(request: TracyRecordingRequest): Promise<TracyStart> {
    const { tracyPath, log } = request;
    try {
      await mkdir(dirname(tracyPath), { recursive: true });
      // A capture that fails must not leave us an older run's file to export as this run's.
      await rm(tracyPath, { force: true });
      await rm(csvPathForCapture(tracyPath), { force: true });
    } catch (error) {
      return { fallback: `cannot prepare ${tracyPath}: ${messageOf(error)}` };
    }
    let client: TracyClient;
    try {
      client = await TracyClient.listen({
        host: HOST,
        // tracy-capture is told the port we got.
        port: request.connection.port,
        portSearch: request.connection.portSearch,
        programName: `${request.runner} perf run`,
        log: (line) => log(`perf-report: ${line}`),
      });
    } catch (error) {
      return { fallback: messageOf(error) };
    }
    const capture = TracyCaptureProcess.start(request.tools.capture, { output: tracyPath, host: client.host, port: client.port });
    const timeoutMs = request.connection.connectTimeoutMs;
    const outcome = await Promise.race([
      client.waitForCapture(timeoutMs).then((connected) => (connected ? 'connected' : 'timeout')),
      capture.exited.then(() => 'exited' as const),
    ]);
    if (outcome === 'connected') return { recording: new TracyRecording(client, capture, request) };
    await client.shutdown(0);
    const exit = outcome === 'exited' ? await capture.exited : await capture.stop();
    const why =
      outcome === 'exited'
        ? `tracy-capture ended before connecting (${describeExit(exit)})`
        : `tracy-capture did not connect within ${seconds(timeoutMs)}`;
    return { fallback: why };
  }

  /**
   * After the last event was forwarded: ends the session (open zones closed, Terminate sent),
   * waits for tracy-capture to save and exit (stopping it at the bound and keeping what it
   * wrote), and exports the capture with tracy-csvexport to `<name>.<version>.csv`.
   */
  async finish(): Promise<TracyResult> {
    const { tracyPath, log } = this.request;
    const exitTimeoutMs = this.request.connection.exitTimeoutMs;
    const deadline = Date.now() + exitTimeoutMs;
    await this.client.shutdown(exitTimeoutMs);
    let exit = await this.capture.waitForExit(Math.max(0, deadline - Date.now()));
    if (!exit) {
      log(`perf-report: tracy-capture did not exit within ${seconds(exitTimeoutMs)} after the run; stopping it and keeping what it wrote`);
      exit = await this.capture.stop();
    }
    const size = await stat(tracyPath).then((info) => info.size, () => 0);
    if (size === 0) return { failure: `tracy-capture wrote no capture (${describeExit(exit)})` };
    try {
      const zones = await exportTracyCapture(tracyPath, this.request.tools.csvexport);
      if (zones.length > 0) return { csvPath: csvPathForCapture(tracyPath), zones };
      return { failure: await this.setAside('the Tracy capture holds no zones') };
    } catch (error) {
      return { failure: await this.setAside(messageOf(error)) };
    }
  }

  /**
   * Ends the capture and removes its file (the run was cancelled, or recorded nothing): a
   * `.tracy` left in the output directory would be read as a profile of the run.
   */
  async abandon(): Promise<void> {
    await this.client.shutdown(1000);
    await this.capture.stop();
    await rm(this.request.tracyPath, { force: true }).catch(() => undefined);
  }

  /**
   * A capture that cannot be used is kept for a look in Tracy's GUI, under a name that
   * `perf-report generate <dir>` does not take for a profile of the run.
   */
  private async setAside(why: string): Promise<string> {
    const kept = `${this.request.tracyPath}.failed`;
    try {
      await rename(this.request.tracyPath, kept);
      return `${why}; the capture is kept as ${kept}`;
    } catch {
      return why;
    }
  }
}

function describeExit(exit: CaptureExit): string {
  const what = exit.problem ?? `exit ${exit.code ?? '?'}`;
  return exit.output ? `${what}: ${exit.output.split('\n').at(-1)}` : what;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
