import { connect, type Socket } from 'node:net';
import { CaptureModel, type CaptureModelOptions } from './capture-model.js';
import { ClientStreamReader, type DecodedFrame } from './client-stream.js';
import { vocabularyFor } from './queue-items.js';
import { encodeQuery, ServerQuery, type Query } from './server-query.js';
import type { Welcome } from './welcome.js';

/**
 * The capture's side of a session, played by a test: connects to a Tracy client, sends the
 * hello with a chosen protocol version, reads the status byte, the WelcomeMessage and the
 * LZ4 frames, applies the items to a CaptureModel, sends the queries that tracy-capture would
 * send (after each processed frame), and ends as tracy-capture does: once Terminate has
 * arrived and nothing is pending, it sends ServerQueryTerminate and closes (TracyWorker.cpp's termination check).
 */

export interface FakeCaptureOptions extends CaptureModelOptions {
  port: number;
  host?: string;
  protocol?: number;
  /** Keep every decoded frame (tests on framing); default false. */
  keepFrames?: boolean;
}

export interface CaptureOutcome {
  /** The client's handshake status byte (1 Welcome, 2 ProtocolMismatch, 3 NotAvailable). */
  status: number | undefined;
  /** Terminate arrived, every query was answered, and ServerQueryTerminate went out. */
  finished: boolean;
  /** Stream or protocol errors (the model's included). */
  errors: string[];
  /** What the capture was still waiting for when the connection ended. */
  waitingFor: string[];
}

export class FakeCapture {
  readonly model: CaptureModel;
  readonly frames: DecodedFrame[] = [];
  status: number | undefined;
  welcome: Welcome | undefined;
  frameCount = 0;
  compressedBytes = 0;
  decompressedBytes = 0;
  readonly done: Promise<CaptureOutcome>;
  private readonly reader: ClientStreamReader;
  private readonly streamErrors: string[] = [];
  private finished = false;
  private resolveDone!: (outcome: CaptureOutcome) => void;
  private readonly keepFrames: boolean;

  private constructor(
    private readonly socket: Socket,
    options: FakeCaptureOptions,
  ) {
    const protocol = options.protocol ?? 76;
    this.model = new CaptureModel(options);
    this.keepFrames = options.keepFrames ?? false;
    // Any version may be announced (to test the client's refusal); only 76 and 82 can be decoded.
    this.reader = new ClientStreamReader(vocabularyFor(protocol === 82 ? 82 : 76));
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.streamErrors.push(`socket: ${error.message}`));
    socket.on('close', () => this.resolveDone(this.outcome()));
    const hello = Buffer.alloc(12);
    hello.write('TracyPrf', 0, 'latin1');
    hello.writeUInt32LE(protocol, 8);
    socket.write(hello);
  }

  static connect(options: FakeCaptureOptions): Promise<FakeCapture> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port: options.port, host: options.host ?? '127.0.0.1' });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new FakeCapture(socket, options));
      });
    });
  }

  /** Sends a query now, as if the capture needed it (e.g. a SourceCode query). */
  ask(type: number, ptr: bigint, extra = 0): void {
    const query: Query = { type, ptr, extra };
    // Disconnect is answered by Terminate, not by a reply that returns a query credit (TracyProfiler.cpp HandleServerQuery).
    if (type !== ServerQuery.Disconnect && type !== ServerQuery.Terminate) this.model.expect(query);
    this.socket.write(encodeQuery(query));
  }

  /** Closes the connection from the capture's side without finishing (a capture killed mid-run). */
  abort(): void {
    this.socket.destroy();
  }

  private outcome(): CaptureOutcome {
    return {
      status: this.status,
      finished: this.finished,
      errors: [...this.streamErrors, ...this.model.errors],
      waitingFor: this.finished ? [] : this.model.waitingFor(),
    };
  }

  private receive(chunk: Buffer): void {
    if (this.finished) return;
    try {
      for (const event of this.reader.push(chunk)) {
        if (event.kind === 'status') this.status = event.status;
        else if (event.kind === 'welcome') this.welcome = event.welcome;
        else {
          const frame = event.frame;
          this.frameCount++;
          this.compressedBytes += frame.compressedSize;
          this.decompressedBytes += frame.decompressedSize;
          if (this.keepFrames) this.frames.push(frame);
          const queries = this.model.apply(frame.items);
          if (queries.length > 0) this.socket.write(Buffer.concat(queries.map(encodeQuery)));
        }
      }
    } catch (error) {
      this.streamErrors.push(error instanceof Error ? error.message : String(error));
      this.socket.destroy();
      return;
    }
    if (this.model.isFinished()) {
      this.finished = true;
      this.socket.end(encodeQuery({ type: ServerQuery.Terminate, ptr: 0n, extra: 0 }));
    }
  }
}
