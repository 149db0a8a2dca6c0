import { parseSourceLocationPayload, type QueueItem, type SourceLocationPayload } from './queue-items.js';
import { ServerQuery, type Query } from './server-query.js';

/**
 * What tracy-capture makes of the queue items (TracyWorker.cpp Process/DispatchProcess):
 * one current thread context whose time reference restarts at every ThreadContext, strictly
 * nested zones per thread, staged strings and source-location payloads consumed by the next
 * item, the queries the capture asks and the replies that must match them, and the
 * termination check. It records protocol errors instead of crashing so a test can show them.
 */

/** More distinct payload source locations abort a real capture (TracyWorker.cpp SourceLocationOverflowFailure). */
export const MAX_SOURCE_LOCATIONS = 32767;

export interface StaticSourceLocation {
  ptr: number;
  name: number;
  function: number;
  file: number;
  line: number;
}

export interface CapturedZone {
  thread: number;
  /** Ticks as the client sent them (after delta decoding). */
  begin: number;
  end: number;
  depth: number;
  site: SourceLocationPayload | { staticPtr: number };
  text?: string;
}

export interface CapturedThread {
  id: number;
  name?: string;
  open: CapturedZone[];
  zones: CapturedZone[];
  zoneCount: number;
}

export interface CapturedMessage {
  thread: number;
  time: number;
  text: string;
  metadata?: number;
}

export interface CapturedPlot {
  id: number;
  name?: string;
  points: Array<{ time: number; value: number }>;
}

export interface CaptureModelOptions {
  /** Keep every zone, message and plot point (tests); off, only counts are kept (bench). */
  keepEvents?: boolean;
  /** Ask queries as tracy-capture would (default); off when replaying a recorded session's own queries. */
  askQueries?: boolean;
}

const NOOP_ANSWERED: ReadonlySet<number> = new Set([ServerQuery.Parameter, ServerQuery.DataTransfer, ServerQuery.DataTransferPart]);
const BY_ID: Partial<Record<string, number>> = {
  StringData: ServerQuery.String,
  ThreadName: ServerQuery.ThreadString,
  PlotName: ServerQuery.PlotName,
  FrameName: ServerQuery.FrameName,
  FiberName: ServerQuery.FiberName,
};

export class CaptureModel {
  readonly threads = new Map<number, CapturedThread>();
  readonly messages: CapturedMessage[] = [];
  readonly plots = new Map<number, CapturedPlot>();
  readonly payloadSourceLocations = new Map<string, SourceLocationPayload>();
  readonly staticSourceLocations = new Map<number, StaticSourceLocation | undefined>();
  readonly strings = new Map<number, string>();
  readonly itemCounts = new Map<string, number>();
  readonly errors: string[] = [];
  /** Queries sent and not yet answered, oldest first. */
  readonly outstanding: Query[] = [];
  terminated = false;
  crashed = false;
  zoneCount = 0;

  private readonly keepEvents: boolean;
  private readonly askQueries: boolean;
  private current: CapturedThread | undefined;
  private refTime = 0;
  private stagedString: string | undefined;
  private stagedPayload: SourceLocationPayload | undefined;
  private readonly askedStrings = new Set<number>();
  private readonly askedFrames = new Set<number>();
  private pending: Query[] = [];

  constructor(options: CaptureModelOptions = {}) {
    this.keepEvents = options.keepEvents ?? true;
    this.askQueries = options.askQueries ?? true;
  }

  /** Applies one block's items; returns the queries the capture now sends (only after a frame: TracyWorker.cpp Network). */
  apply(items: readonly QueueItem[]): Query[] {
    for (const item of items) this.applyItem(item);
    const queries = this.pending;
    this.pending = [];
    return queries;
  }

  /** Registers a query sent by other means (a test injecting one, or a recorded session). */
  expect(query: Query): void {
    this.outstanding.push(query);
  }

  /** Tracy's termination check (Tracy v0.13.1 TracyWorker.cpp, the check before ServerQueryTerminate). */
  isFinished(): boolean {
    if (!this.terminated || this.outstanding.length > 0 || this.pending.length > 0) return false;
    if (this.stagedString !== undefined || this.stagedPayload !== undefined) return false;
    if (this.crashed) return true;
    for (const thread of this.threads.values()) if (thread.open.length > 0) return false;
    return true;
  }

  /** What keeps a terminated capture waiting, in words. */
  waitingFor(): string[] {
    const reasons: string[] = [];
    if (!this.terminated) reasons.push('no Terminate item yet');
    if (this.outstanding.length > 0) reasons.push(`${this.outstanding.length} unanswered queries (first: type ${this.outstanding[0]!.type})`);
    if (this.stagedString !== undefined) reasons.push('an unconsumed SingleStringData');
    if (this.stagedPayload !== undefined) reasons.push('an unconsumed SourceLocationPayload');
    if (!this.crashed) {
      for (const thread of this.threads.values()) if (thread.open.length > 0) reasons.push(`thread ${thread.id} has ${thread.open.length} open zones`);
    }
    return reasons;
  }

  private send(query: Query): void {
    if (!this.askQueries) return;
    this.pending.push(query);
    this.outstanding.push(query);
  }

  private error(message: string): void {
    this.errors.push(message);
  }

  private thread(id: number): CapturedThread {
    let thread = this.threads.get(id);
    if (!thread) {
      thread = { id, open: [], zones: [], zoneCount: 0 };
      this.threads.set(id, thread);
      // A new thread's name is asked for at once (Worker::CheckThreadString).
      this.send({ type: ServerQuery.ThreadString, ptr: BigInt(id), extra: 0 });
    }
    return thread;
  }

  private count(name: string): void {
    this.itemCounts.set(name, (this.itemCounts.get(name) ?? 0) + 1);
  }

  private consumeString(consumer: string): string {
    const text = this.stagedString;
    if (text === undefined) {
      this.error(`${consumer} without a preceding SingleStringData`);
      return '';
    }
    this.stagedString = undefined;
    return text;
  }

  private askString(id: number): void {
    if (this.askedStrings.has(id)) return;
    this.askedStrings.add(id);
    this.send({ type: ServerQuery.String, ptr: BigInt(id), extra: 0 });
  }

  private answer(item: QueueItem, matches: (query: Query) => boolean): boolean {
    const index = this.outstanding.findIndex(matches);
    if (index < 0) {
      this.error(`${item.name}${item.id === undefined ? '' : ` for id ${item.id}`} answers no outstanding query`);
      return false;
    }
    this.outstanding.splice(index, 1);
    return true;
  }

  private beginZone(site: CapturedZone['site'], delta: number): void {
    const thread = this.current;
    if (!thread) {
      this.error('zone begin before any ThreadContext');
      return;
    }
    this.refTime += delta;
    const zone: CapturedZone = { thread: thread.id, begin: this.refTime, end: Number.NaN, depth: thread.open.length, site };
    thread.open.push(zone);
  }

  private applyItem(item: QueueItem): void {
    this.count(item.name);
    switch (item.name) {
      case 'ThreadContext':
        this.current = this.thread(item.thread!);
        this.refTime = 0;
        break;
      case 'SourceLocationPayload': {
        if (this.stagedPayload !== undefined) this.error('two SourceLocationPayload items without a zone begin between them');
        const key = item.payloadKey!;
        let payload = this.payloadSourceLocations.get(key);
        if (!payload) {
          if (this.payloadSourceLocations.size >= MAX_SOURCE_LOCATIONS) {
            this.error(`SourceLocationOverflowFailure: more than ${MAX_SOURCE_LOCATIONS} distinct source locations`);
          }
          payload = parseSourceLocationPayload(key);
          this.payloadSourceLocations.set(key, payload);
        }
        this.stagedPayload = payload;
        break;
      }
      case 'ZoneBeginAllocSrcLoc': {
        const payload = this.stagedPayload;
        this.stagedPayload = undefined;
        if (!payload) {
          this.error('ZoneBeginAllocSrcLoc without a preceding SourceLocationPayload');
          return;
        }
        this.beginZone(payload, item.time!);
        break;
      }
      case 'ZoneBegin': {
        const ptr = item.id!;
        if (!this.staticSourceLocations.has(ptr)) {
          this.staticSourceLocations.set(ptr, undefined);
          this.send({ type: ServerQuery.SourceLocation, ptr: BigInt(ptr), extra: 0 });
        }
        this.beginZone({ staticPtr: ptr }, item.time!);
        break;
      }
      case 'ZoneEnd': {
        const thread = this.current;
        this.refTime += item.time!;
        const zone = thread?.open.pop();
        if (!thread || !zone) {
          this.error(`Zone is ended twice (ZoneEnd at block offset ${item.offset} with no open zone)`);
          return;
        }
        zone.end = this.refTime;
        if (zone.end < zone.begin) this.error(`zone on thread ${thread.id} ends (${zone.end}) before it begins (${zone.begin})`);
        thread.zoneCount++;
        this.zoneCount++;
        if (this.keepEvents) thread.zones.push(zone);
        break;
      }
      case 'ZoneText':
      case 'ZoneName': {
        const text = this.consumeString(item.name);
        const zone = this.current?.open.at(-1);
        if (!zone) this.error(`${item.name} with no open zone`);
        else if (item.name === 'ZoneText') zone.text = zone.text === undefined ? text : `${zone.text}\n${text}`;
        break;
      }
      case 'SingleStringData':
        if (this.stagedString !== undefined) this.error('two SingleStringData items without a consumer between them');
        this.stagedString = item.text!;
        break;
      case 'Message':
      case 'MessageColor':
      case 'MessageAppInfo': {
        const text = this.consumeString(item.name);
        if (!this.current) this.error(`${item.name} before any ThreadContext`);
        if (this.keepEvents) {
          const message: CapturedMessage = { thread: this.current?.id ?? 0, time: item.time!, text };
          if (item.metadata !== undefined) message.metadata = item.metadata;
          this.messages.push(message);
        }
        break;
      }
      case 'MessageLiteral':
        this.askString(item.id!);
        break;
      case 'PlotDataInt':
      case 'PlotDataFloat':
      case 'PlotDataDouble': {
        this.refTime += item.time!;
        let plot = this.plots.get(item.id!);
        if (!plot) {
          plot = { id: item.id!, points: [] };
          this.plots.set(item.id!, plot);
          this.send({ type: ServerQuery.PlotName, ptr: BigInt(item.id!), extra: 0 });
        }
        if (this.keepEvents) plot.points.push({ time: this.refTime, value: item.value! });
        break;
      }
      case 'FrameMarkMsg':
        if (item.id !== 0 && !this.askedFrames.has(item.id!)) {
          this.askedFrames.add(item.id!);
          this.send({ type: ServerQuery.FrameName, ptr: BigInt(item.id!), extra: 0 });
        }
        break;
      case 'Terminate':
        this.terminated = true;
        break;
      case 'Crash':
        this.crashed = true;
        break;
      case 'SourceLocation': {
        // Replies carry no id: they match the asked source locations first in, first out (TracyWorker.cpp).
        const index = this.outstanding.findIndex((query) => query.type === ServerQuery.SourceLocation);
        if (index < 0) {
          this.error('SourceLocation answers no outstanding query');
          return;
        }
        const [query] = this.outstanding.splice(index, 1);
        const fields = item.sourceLocation!;
        const ptr = Number(query!.ptr);
        this.staticSourceLocations.set(ptr, { ptr, name: fields.name, function: fields.function, file: fields.file, line: fields.line });
        if (fields.name !== 0) this.askString(fields.name);
        this.askString(fields.function);
        this.askString(fields.file);
        break;
      }
      case 'StringData':
      case 'ThreadName':
      case 'PlotName':
      case 'FrameName':
      case 'FiberName': {
        const type = BY_ID[item.name]!;
        if (!this.answer(item, (query) => query.type === type && Number(query.ptr) === item.id)) return;
        const text = item.text!;
        if (item.name === 'StringData') this.strings.set(item.id!, text);
        else if (item.name === 'ThreadName') {
          const thread = this.threads.get(item.id!);
          if (thread) thread.name = text;
        } else if (item.name === 'PlotName') {
          const plot = this.plots.get(item.id!);
          if (plot) plot.name = text;
        }
        break;
      }
      case 'AckServerQueryNoop':
        this.answer(item, (query) => NOOP_ANSWERED.has(query.type));
        break;
      case 'AckSourceCodeNotAvailable':
        this.answer(item, (query) => query.type === ServerQuery.SourceCode && Number(query.ptr & 0xffffffffn) === item.id);
        break;
      case 'AckSymbolCodeNotAvailable':
        this.answer(item, (query) => query.type === ServerQuery.SymbolCode);
        break;
      default:
        break;
    }
  }
}
