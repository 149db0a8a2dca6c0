import type { Socket } from 'node:net';
import { answerQuery, type NameSource } from './query-replies.js';
import { HandshakeStatus, HELLO_SIZE, SHIBBOLETH, SUPPORTED_PROTOCOLS, type QueueTypes } from './wire/protocol.js';
import { QueryReader } from './wire/query-reader.js';
import { QueueWriter, type Compression } from './wire/queue-writer.js';
import { encodeWelcome, type WelcomeFields } from './wire/welcome-message.js';

/**
 * One connection from a capture (tracy-capture or the Tracy GUI), from its hello to its close:
 * the handshake (shibboleth, protocol version, status byte), the WelcomeMessage, then frames to the capture and 13-byte
 * queries from it (TracyProtocol.hpp ServerQueryPacket), and the clean ending (Terminate, then answering queries until ServerQueryTerminate).
 */

export interface SessionHooks {
  /** The capture speaks a protocol we know: return the welcome to send, or undefined to refuse (NotAvailable). */
  accept(types: QueueTypes): WelcomeFields | undefined;
  /** The welcome is out and `session.writer` is ready. */
  live(session: CaptureConnection): void;
  /** The capture asked to disconnect (ServerQuery Disconnect). */
  disconnectRequested(session: CaptureConnection): void;
  names: NameSource;
  log: (line: string) => void;
}

export type ConnectionEnd = 'finished' | 'refused' | 'mismatch' | 'not-tracy' | 'lost';

const SUPPORTED_LIST = [...SUPPORTED_PROTOCOLS.keys()].join(' and ');

export class CaptureConnection {
  writer: QueueWriter | undefined;
  /** Resolves with how the connection ended once the socket is closed. */
  readonly ended: Promise<ConnectionEnd>;
  private hello: Buffer = Buffer.alloc(0);
  private readonly queries = new QueryReader();
  private flushScheduled = false;
  private terminateSent = false;
  private serverTerminated = false;
  private outcome: ConnectionEnd = 'lost';
  private resolveEnded!: (end: ConnectionEnd) => void;

  constructor(
    private readonly socket: Socket,
    private readonly hooks: SessionHooks,
    private readonly compression: Compression,
    private readonly maxQueuedBytes: number,
  ) {
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.hooks.log(`tracy: capture connection error: ${error.message}`));
    socket.on('close', () => {
      this.writer = undefined;
      if (this.outcome === 'lost' && this.serverTerminated) this.outcome = 'finished';
      this.resolveEnded(this.outcome);
    });
  }

  get isLive(): boolean {
    return this.writer !== undefined && !this.terminateSent;
  }

  /** The socket holds more unsent bytes than allowed: the client drops new zones until it drains. */
  get congested(): boolean {
    return this.socket.writableLength > this.maxQueuedBytes;
  }

  get terminated(): boolean {
    return this.terminateSent;
  }

  /** Bytes written to the socket and not yet handed to the kernel. */
  get queuedBytes(): number {
    return this.socket.writableLength;
  }

  /** Resolves when the socket's write queue has drained (or the connection ended). */
  drained(): Promise<void> {
    if (!this.socket.writableNeedDrain || this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  /** Coalesces everything written in this turn of the event loop into one frame. */
  scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.writer?.flush();
    });
  }

  /**
   * Sends what is pending and then Terminate in a frame of its own, as the C++ client does
   * (TracyProfiler.cpp L2199-2205). Queries are still answered until the capture closes.
   */
  terminate(): void {
    if (!this.writer || this.terminateSent) return;
    this.writer.flush();
    this.writer.terminate();
    this.writer.flush();
    this.terminateSent = true;
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    if (!this.writer) {
      if (this.outcome !== 'lost') return;
      this.hello = Buffer.concat([this.hello, chunk]);
      if (this.hello.length < HELLO_SIZE) return;
      const rest = this.hello.subarray(HELLO_SIZE);
      this.handshake(this.hello.subarray(0, HELLO_SIZE));
      if (!this.writer || rest.length === 0) return;
      chunk = rest;
    }
    const writer = this.writer;
    this.queries.read(chunk, (query) => {
      const outcome = answerQuery(query, writer, this.hooks.names, this.hooks.log);
      if (outcome === 'terminate') {
        // ServerQueryTerminate: the capture has everything; nothing more is sent (TracyWorker.cpp stops reading after it).
        this.serverTerminated = true;
        this.outcome = 'finished';
        writer.flush();
        this.socket.end();
      } else if (outcome === 'disconnect') {
        this.hooks.disconnectRequested(this);
      }
    });
    if (!this.serverTerminated) this.scheduleFlush();
  }

  private handshake(hello: Buffer): void {
    if (hello.toString('latin1', 0, 8) !== SHIBBOLETH) {
      this.hooks.log(`tracy: a connection on the Tracy port did not start with "${SHIBBOLETH}"; closed it`);
      this.finish('not-tracy');
      return;
    }
    const version = hello.readUInt32LE(8);
    const types = SUPPORTED_PROTOCOLS.get(version);
    if (!types) {
      // As the C++ client does (L1962-1976): answer ProtocolMismatch, close, keep listening.
      this.hooks.log(`tracy: the capture speaks Tracy protocol ${version}; this client speaks ${SUPPORTED_LIST}. Use a tracy-capture of Tracy 0.13.x (protocol 76) or 0.14 (protocol 82).`);
      this.socket.write(Uint8Array.of(HandshakeStatus.ProtocolMismatch));
      this.finish('mismatch');
      return;
    }
    const welcome = this.hooks.accept(types);
    if (!welcome) {
      this.socket.write(Uint8Array.of(HandshakeStatus.NotAvailable));
      this.finish('refused');
      return;
    }
    this.socket.write(Uint8Array.of(HandshakeStatus.Welcome));
    this.socket.write(encodeWelcome(welcome));
    this.writer = new QueueWriter(types, (frame) => this.socket.write(frame), this.compression);
    this.hooks.live(this);
    this.scheduleFlush();
  }

  private finish(outcome: ConnectionEnd): void {
    this.outcome = outcome;
    this.socket.end();
  }
}
