import type { SiteEntry } from './source-locations.js';
import type { QueueWriter } from './wire/queue-writer.js';

/**
 * Events that arrive before a capture has connected. Which queue numbers to write depends on
 * the protocol version the capture announces, so they are kept as plain columns and written
 * out once the handshake is done. The backlog is bounded; the client decides what to drop.
 */

const enum Kind {
  ZoneBegin = 1,
  ZoneEnd = 2,
  Message = 3,
  Plot = 4,
}

export class EventBacklog {
  private kinds = new Uint8Array(1024);
  private threads = new Uint32Array(1024);
  private ticks = new Float64Array(1024);
  private values = new Float64Array(1024);
  private refs: Array<SiteEntry | Uint8Array | undefined> = [];
  private count = 0;
  private earliest = Number.POSITIVE_INFINITY;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.count;
  }

  get isFull(): boolean {
    return this.count >= this.capacity;
  }

  /** The earliest tick held, or +Infinity when empty: the capture's initBegin may not be later. */
  get earliestTick(): number {
    return this.earliest;
  }

  zoneBegin(thread: number, tick: number, site: SiteEntry): void {
    this.push(Kind.ZoneBegin, thread, tick, 0, site);
  }

  /** Always accepted, even when full: the begin it closes is already in the backlog. */
  zoneEnd(thread: number, tick: number): void {
    this.push(Kind.ZoneEnd, thread, tick, 0, undefined);
  }

  message(thread: number, tick: number, text: Uint8Array): void {
    this.push(Kind.Message, thread, tick, 0, text);
  }

  plot(nameId: number, tick: number, value: number): void {
    this.push(Kind.Plot, nameId, tick, value, undefined);
  }

  /** Writes every event in arrival order and empties the backlog. */
  drainInto(writer: QueueWriter): void {
    for (let i = 0; i < this.count; i++) {
      const thread = this.threads[i]!;
      const tick = this.ticks[i]!;
      switch (this.kinds[i]) {
        case Kind.ZoneBegin:
          writer.zoneBegin(thread, tick, (this.refs[i] as SiteEntry).payload);
          break;
        case Kind.ZoneEnd:
          writer.zoneEnd(thread, tick);
          break;
        case Kind.Message:
          writer.message(thread, tick, this.refs[i] as Uint8Array);
          break;
        case Kind.Plot:
          writer.plot(thread, tick, this.values[i]!);
          break;
      }
    }
    this.clear();
  }

  clear(): void {
    this.count = 0;
    this.refs = [];
    this.earliest = Number.POSITIVE_INFINITY;
  }

  private push(kind: Kind, thread: number, tick: number, value: number, ref: SiteEntry | Uint8Array | undefined): void {
    if (this.count === this.kinds.length) this.grow();
    const i = this.count++;
    this.kinds[i] = kind;
    this.threads[i] = thread;
    this.ticks[i] = tick;
    this.values[i] = value;
    this.refs[i] = ref;
    if (tick < this.earliest) this.earliest = tick;
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    const grown = <T extends Uint8Array | Uint32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.kinds = grown(this.kinds, (n) => new Uint8Array(n));
    this.threads = grown(this.threads, (n) => new Uint32Array(n));
    this.ticks = grown(this.ticks, (n) => new Float64Array(n));
    this.values = grown(this.values, (n) => new Float64Array(n));
  }
}
