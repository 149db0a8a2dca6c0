import type { Server, Socket } from 'node:net';
import { arch, availableParallelism, cpus, release, totalmem, type } from 'node:os';
import { EventBacklog } from './backlog.js';
import { CaptureConnection, type ConnectionEnd } from './capture-connection.js';
import { listenForCaptures } from './listen.js';
import { SiteTable, type ZoneSite } from './source-locations.js';
import type { QueueTypes } from './wire/protocol.js';
import type { Compression } from './wire/queue-writer.js';
import { cpuArchOf, type WelcomeFields } from './wire/welcome-message.js';

/**
 * A Tracy client for the main process: the collector feeds it the zones, messages and plot
 * points of every worker, and it serves them to one capture (tracy-capture or the Tracy GUI)
 * as Tracy's own C++ client would. Each worker thread or logical lane is a Tracy thread.
 *
 * Per Tracy thread it keeps the stack of open zones, so that what reaches the capture always
 * nests (a ZoneEnd with nothing open stops a real capture: "Zone is ended twice") and so that
 * shutdown can close what is still open (the capture only finishes once every thread's zone stack is empty: TracyWorker.cpp's termination check).
 */

export interface TracyClientOptions {
  /** Default 127.0.0.1 (Tracy's own client listens on all interfaces; we do not). */
  host?: string;
  /** Default 8086, Tracy's own port. */
  port?: number;
  /** Ports to try from `port` on when it is busy: default 20 (8086..8105, as Tracy's C++ client does). */
  portSearch?: number;
  /** Shown as the capture's name. */
  programName?: string;
  log?: (line: string) => void;
  /**
   * The clock the event times come from, in nanoseconds; default process.hrtime.bigint, which
   * is what the workers stamp. Used for the capture's time origin.
   */
  clock?: () => bigint;
  /** 'lz4' (default) compresses each block; 'literal' sends valid uncompressed LZ4 blocks. */
  compression?: Compression;
  /** Events kept while no capture is connected; later zone begins are dropped. Default 1,000,000. */
  maxBacklogEvents?: number;
  /** Bytes queued on the socket beyond which new zone begins are dropped. Default 256 MiB. */
  maxQueuedBytes?: number;
}

export type EventTime = bigint | number;

export interface TracyClientStats {
  /** The protocol the capture speaks, once one is connected. */
  protocol: number | undefined;
  /** Zones begun and sent (or held for sending). */
  zones: number;
  /** Zones, messages and plot points not sent: no capture any more, backlog full, socket congested. */
  dropped: number;
  /** zoneEnd calls with no open zone on that thread. */
  unmatchedEnds: number;
  frames: number;
  /** Decompressed queue bytes written. */
  itemBytes: number;
  /** Bytes on the wire (frame headers plus compressed blocks). */
  wireBytes: number;
  distinctSites: number;
}

interface Timeline {
  /** One flag per open zone, innermost last: was its begin sent? (a dropped begin drops its end) */
  open: boolean[];
  lastTick: number;
  name: string | undefined;
}

type State = 'waiting' | 'live' | 'ended';
type DropReason = 'full-backlog' | 'congested' | 'ended' | 'non-finite plot value';

const DEFAULT_PORT = 8086;
const DEFAULT_PORT_SEARCH = 20;
const MAX_TEXT_BYTES = 65535;
const encoder = new TextEncoder();

export class TracyClient {
  readonly port: number;
  readonly host: string;
  private state: State = 'waiting';
  private session: CaptureConnection | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly timelines = new Map<number, Timeline>();
  private cachedThread = -1;
  private cachedTimeline: Timeline | undefined;
  private readonly sites: SiteTable;
  private readonly backlog: EventBacklog;
  private readonly plotIds = new Map<string, number>();
  private readonly plotNames: string[] = [];
  private readonly originNumber: number;
  /** The capture's time 0 once one is connected; events before it are clamped to it. */
  private earliestTick = Number.NEGATIVE_INFINITY;
  private readonly captureWaiters: Array<() => void> = [];
  private shuttingDown: Promise<void> | undefined;
  private protocol: number | undefined;
  private zones = 0;
  private dropped = 0;
  private unmatchedEnds = 0;
  private readonly warned = new Set<string>();
  private lastStats = { frames: 0, itemBytes: 0, wireBytes: 0 };

  static async listen(options: TracyClientOptions = {}): Promise<TracyClient> {
    const port = options.port ?? DEFAULT_PORT;
    const attempts = options.portSearch ?? DEFAULT_PORT_SEARCH;
    const host = options.host ?? '127.0.0.1';
    let client: TracyClient | undefined;
    const pending: Socket[] = [];
    const { server, port: bound } = await listenForCaptures({
      host,
      port,
      attempts,
      onConnection: (socket) => (client ? client.accept(socket) : pending.push(socket)),
    });
    client = new TracyClient(server, host, bound, options);
    for (const socket of pending) client.accept(socket);
    return client;
  }

  private readonly log: (line: string) => void;
  private readonly clock: () => bigint;
  private readonly origin: bigint;
  private readonly maxQueuedBytes: number;

  private constructor(
    private readonly server: Server,
    host: string,
    port: number,
    private readonly options: TracyClientOptions,
  ) {
    this.host = host;
    this.port = port;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.clock = options.clock ?? process.hrtime.bigint;
    // Ticks on the wire are nanoseconds since this origin: small, exact numbers.
    this.origin = this.clock();
    this.originNumber = Number(this.origin);
    this.maxQueuedBytes = options.maxQueuedBytes ?? 256 * 1024 * 1024;
    this.sites = new SiteTable(this.log);
    this.backlog = new EventBacklog(options.maxBacklogEvents ?? 1_000_000);
  }

  /** Resolves true once a capture has completed the handshake (at once if one already has). */
  waitForCapture(timeoutMs: number): Promise<boolean> {
    if (this.protocol !== undefined) return Promise.resolve(true);
    if (this.state === 'ended') return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const index = this.captureWaiters.indexOf(done);
        if (index >= 0) this.captureWaiters.splice(index, 1);
        resolve(false);
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve(this.protocol !== undefined);
      };
      this.captureWaiters.push(done);
    });
  }

  /** Names a Tracy thread; call it before the thread's first event (the capture asks once). */
  threadName(threadId: number, name: string): void {
    this.timeline(threadId).name = name;
  }

  zoneBegin(threadId: number, timeNs: EventTime, site: ZoneSite): void {
    const timeline = this.timeline(threadId);
    const tick = this.tickOf(timeNs);
    timeline.lastTick = tick;
    const route = this.route();
    if (route === 'live') {
      this.session!.writer!.zoneBegin(threadId, tick, this.sites.entry(site).payload);
      this.session!.scheduleFlush();
    } else if (route === 'backlog') {
      this.backlog.zoneBegin(threadId, tick, this.sites.entry(site));
    } else {
      // Its end must be dropped too, or the capture would see an end without a begin.
      timeline.open.push(false);
      this.drop(route);
      return;
    }
    timeline.open.push(true);
    this.zones++;
  }

  zoneEnd(threadId: number, timeNs: EventTime): void {
    const timeline = this.timeline(threadId);
    if (timeline.open.length === 0) {
      this.unmatchedEnds++;
      this.warnOnce('unmatched', `tracy: zoneEnd on thread ${threadId} with no open zone; ignored (a capture stops at such an end)`);
      return;
    }
    const tick = this.tickOf(timeNs);
    timeline.lastTick = tick;
    if (!timeline.open.pop()) return;
    if (this.state === 'live') {
      const session = this.session!;
      session.writer!.zoneEnd(threadId, tick);
      session.scheduleFlush();
    } else if (this.state === 'waiting') {
      this.backlog.zoneEnd(threadId, tick);
    }
  }

  message(threadId: number, timeNs: EventTime, text: string): void {
    const timeline = this.timeline(threadId);
    const tick = this.tickOf(timeNs);
    timeline.lastTick = tick;
    let bytes = encoder.encode(text);
    if (bytes.length > MAX_TEXT_BYTES) {
      let length = MAX_TEXT_BYTES;
      while (length > 0 && (bytes[length]! & 0xc0) === 0x80) length--;
      bytes = bytes.subarray(0, length);
    }
    const route = this.route();
    if (route === 'live') {
      this.session!.writer!.message(threadId, tick, bytes);
      this.session!.scheduleFlush();
    } else if (route === 'backlog') {
      this.backlog.message(threadId, tick, bytes);
    } else {
      this.drop(route);
    }
  }

  plot(name: string, timeNs: EventTime, value: number): void {
    // tracy-capture discards a non-finite plot value without moving its time reference, so
    // every later delta on the thread would land early (checked against tracy-capture 0.13.1).
    if (!Number.isFinite(value)) {
      this.drop('non-finite plot value');
      return;
    }
    const tick = this.tickOf(timeNs);
    let id = this.plotIds.get(name);
    if (id === undefined) {
      this.plotNames.push(name);
      id = this.plotNames.length;
      this.plotIds.set(name, id);
    }
    const route = this.route();
    if (route === 'live') {
      this.session!.writer!.plot(id, tick, value);
      this.session!.scheduleFlush();
    } else if (route === 'backlog') {
      this.backlog.plot(id, tick, value);
    } else {
      this.drop(route);
    }
  }

  /**
   * Where a new event goes: to the connected capture, into the backlog while none is
   * connected, or nowhere, with the reason. One decision for zones, messages and plots alike.
   */
  private route(): 'live' | 'backlog' | DropReason {
    if (this.state === 'live') return this.session !== undefined && !this.session.congested ? 'live' : 'congested';
    if (this.state === 'waiting') return this.backlog.isFull ? 'full-backlog' : 'backlog';
    return 'ended';
  }

  /**
   * Nanoseconds since the client's origin. Never before the capture's initBegin: the
   * capture reads a negative time as a zone that never ended and drops it.
   */
  private tickOf(timeNs: EventTime): number {
    const tick = typeof timeNs === 'number' ? Math.round(timeNs - this.originNumber) : Number(timeNs - this.origin);
    return Math.max(tick, this.earliestTick);
  }

  /** Resolves when the socket has sent what was queued: a collector may pause its workers until then. */
  whenDrained(): Promise<void> {
    return this.state === 'live' && this.session ? this.session.drained() : Promise.resolve();
  }

  get stats(): TracyClientStats {
    const writer = this.session?.writer?.stats ?? this.lastStats;
    return {
      protocol: this.protocol,
      zones: this.zones,
      dropped: this.dropped,
      unmatchedEnds: this.unmatchedEnds,
      frames: writer.frames,
      itemBytes: writer.itemBytes,
      wireBytes: writer.wireBytes,
      distinctSites: this.sites.distinct,
    };
  }

  /**
   * Ends the capture cleanly (as Tracy's own client does after Terminate): closes every zone still open at its thread's last event
   * time, sends what is pending, then Terminate, answers queries until the capture says it is
   * done (or `timeoutMs` passes), and stops listening.
   */
  shutdown(timeoutMs = 10_000): Promise<void> {
    this.shuttingDown ??= this.stop(timeoutMs);
    return this.shuttingDown;
  }

  private async stop(timeoutMs: number): Promise<void> {
    const session = this.session;
    if (this.state === 'live' && session) {
      this.endSession(session);
      let timer: NodeJS.Timeout | undefined;
      const end = await Promise.race([
        session.ended,
        new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
      ]);
      clearTimeout(timer);
      if (end === 'timeout') {
        this.log(`tracy: the capture did not finish within ${timeoutMs} ms after Terminate; closing the connection`);
        session.close();
      }
    } else if (this.state === 'waiting' && this.backlog.size > 0) {
      this.log(`tracy: no capture connected; ${this.backlog.size} events were not sent`);
      this.backlog.clear();
    }
    this.state = 'ended';
    for (const waiter of this.captureWaiters.splice(0)) waiter();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    const session = new CaptureConnection(
      socket,
      {
        accept: (types) => this.welcome(types),
        live: (live) => this.goLive(live),
        disconnectRequested: (live) => this.endSession(live),
        names: {
          threadName: (thread) => this.timelines.get(thread)?.name ?? `thread ${thread}`,
          plotName: (id) => this.plotNames[id - 1],
        },
        log: this.log,
      },
      this.options.compression ?? 'lz4',
      this.maxQueuedBytes,
    );
    void session.ended.then((end) => this.sessionEnded(session, end));
  }

  /** One capture per client, as Tracy's C++ client: later ones get HandshakeNotAvailable (TracyProtocol.hpp HandshakeStatus). */
  private welcome(types: QueueTypes): WelcomeFields | undefined {
    if (this.state !== 'waiting' || this.shuttingDown) return undefined;
    this.protocol = types.protocol;
    // initBegin is time 0 of the capture; nothing held in the backlog may precede it.
    const initBegin = BigInt(Math.min(0, this.backlog.earliestTick));
    this.earliestTick = Number(initBegin);
    return {
      timerMul: 1,
      initBegin,
      initEnd: initBegin,
      resolution: 1n,
      epoch: BigInt(Math.floor(Date.now() / 1000)),
      pid: process.pid,
      cpuArch: cpuArchOf(arch()),
      programName: this.options.programName ?? 'perf-report',
      hostInfo: hostInfo(),
    };
  }

  private goLive(session: CaptureConnection): void {
    this.session = session;
    this.state = 'live';
    this.log(`tracy: capture connected (protocol ${this.protocol}) on ${this.host}:${this.port}`);
    this.backlog.drainInto(session.writer!);
    for (const waiter of this.captureWaiters.splice(0)) waiter();
  }

  /** Closes open zones and sends Terminate; events after this are no longer sent. */
  private endSession(session: CaptureConnection): void {
    const writer = session.writer;
    if (!writer || session.terminated) return;
    let closed = 0;
    for (const [thread, timeline] of this.timelines) {
      for (let i = timeline.open.length - 1; i >= 0; i--) {
        if (!timeline.open[i]) continue;
        writer.zoneEnd(thread, timeline.lastTick);
        closed++;
      }
      timeline.open = [];
    }
    if (closed > 0) this.log(`tracy: closed ${closed} zones still open at the end, each at its thread's last event time`);
    this.lastStats = writer.stats;
    session.terminate();
    this.state = 'ended';
  }

  private sessionEnded(session: CaptureConnection, end: ConnectionEnd): void {
    if (session !== this.session) return;
    if (session.writer) this.lastStats = session.writer.stats;
    if (this.state === 'live') {
      this.state = 'ended';
      this.log(`tracy: the capture connection ended (${end}) before shutdown; later events are not sent`);
    }
  }

  private timeline(threadId: number): Timeline {
    if (threadId === this.cachedThread) return this.cachedTimeline!;
    let timeline = this.timelines.get(threadId);
    if (!timeline) {
      timeline = { open: [], lastTick: 0, name: undefined };
      this.timelines.set(threadId, timeline);
    }
    this.cachedThread = threadId;
    this.cachedTimeline = timeline;
    return timeline;
  }

  private drop(reason: DropReason): void {
    this.dropped++;
    const why = {
      'non-finite plot value': 'a plot value that is NaN or infinite (Tracy cannot show it)',
      'full-backlog': `no capture connected and the backlog holds its ${this.backlog.capacity} events`,
      congested: `the capture is not keeping up (over ${this.maxQueuedBytes} bytes queued)`,
      ended: 'the capture session has ended',
    }[reason];
    this.warnOnce(reason, `tracy: dropping events: ${why}`);
  }

  private warnOnce(key: string, line: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.log(line);
  }
}

function hostInfo(): string {
  const cpu = cpus()[0]?.model ?? 'unknown';
  return [
    `OS: ${type()} ${release()}`,
    `Runtime: Node.js ${process.version}`,
    `Arch: ${arch()}`,
    `CPU: ${cpu}`,
    `CPU cores: ${availableParallelism()}`,
    `RAM: ${Math.round(totalmem() / 1048576)} MB`,
    'Client: perf-report',
  ].join('\n');
}
