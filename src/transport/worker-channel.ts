import { createConnection, type Socket } from 'node:net';
import { threadId } from 'node:worker_threads';
import { encodeHello } from './event-stream.js';

/**
 * The worker's end of the stream: one socket to the collector, opened on first use. The socket
 * is unref'd so that it never keeps a worker alive; callers that must not lose data await
 * `send`, which resolves once the bytes are handed to the kernel. A broken channel drops data
 * (one line on stderr): profiling must never fail a test run.
 */
export class WorkerChannel {
  private socket: Socket | undefined;
  private broken = false;
  /** Said in the hello of the next connection; a worker may serve files of several projects, one connection per file. */
  project = '';

  constructor(
    private readonly address: string,
    private readonly label: string,
  ) {}

  /** Writes the chunks in order; resolves when written or when the channel is broken. */
  send(chunks: readonly Uint8Array[]): Promise<void> {
    const socket = this.connected();
    if (!socket || chunks.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const last = chunks.length - 1;
      chunks.forEach((chunk, index) => {
        if (index === last) socket.write(chunk, () => resolve());
        else socket.write(chunk);
      });
    });
  }

  /** Ends the connection after pending writes; the next `send` opens a new one. */
  close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => socket.end(() => resolve()));
  }

  private connected(): Socket | undefined {
    if (this.broken) return undefined;
    if (this.socket && !this.socket.destroyed) return this.socket;
    const socket = createConnection(this.address);
    socket.unref();
    socket.setNoDelay?.(true);
    socket.on('error', (error) => {
      if (!this.broken) {
        process.stderr.write(`perf-report: lost the connection to the collector (${error.message}); zones of this worker are dropped\n`);
      }
      this.broken = true;
      socket.destroy();
    });
    socket.write(encodeHello({ pid: process.pid, threadId, label: this.label, project: this.project }));
    this.socket = socket;
    return socket;
  }
}
