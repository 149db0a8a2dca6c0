import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FrameDecoder, type FrameSink } from './event-stream.js';

/** Receives one connection's frames; `closed` comes last, also when the worker died. */
export interface ConnectionSink extends FrameSink {
  closed(info: { leftoverBytes: number; error?: Error }): void;
}

/**
 * The main process's end of the stream: a Unix socket (a named pipe on Windows) that workers
 * find through an environment variable. A local socket rather than loopback TCP: no port to
 * pick, and nothing else on the machine can connect by accident.
 */
export class CollectorServer {
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    /** Pass this to workers; `WorkerChannel` connects to it. */
    readonly address: string,
  ) {}

  static listen(openConnection: () => ConnectionSink): Promise<CollectorServer> {
    const address = socketAddress();
    const server = createServer();
    const collector = new CollectorServer(server, address);
    server.on('connection', (socket) => collector.accept(socket, openConnection()));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(address, () => {
        server.off('error', reject);
        // The server must not keep the test runner alive when the run ends without close().
        server.unref();
        resolve(collector);
      });
    });
  }

  /** Number of connections still open. */
  get openConnections(): number {
    return this.sockets.size;
  }

  /** Stops listening and drops connections still open (their remaining data is lost). */
  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => {
      this.server.close(() => {
        if (process.platform !== 'win32') rmSync(this.address, { force: true });
        resolve();
      });
    });
  }

  private accept(socket: Socket, sink: ConnectionSink): void {
    this.sockets.add(socket);
    socket.unref();
    const decoder = new FrameDecoder(sink);
    let failure: Error | undefined;
    socket.on('data', (chunk: Buffer) => {
      if (failure) return;
      try {
        decoder.push(chunk);
      } catch (error) {
        failure = error as Error;
        socket.destroy();
      }
    });
    socket.on('error', (error) => {
      failure ??= error;
    });
    socket.on('close', () => {
      this.sockets.delete(socket);
      sink.closed({ leftoverBytes: decoder.leftover, ...(failure ? { error: failure } : {}) });
    });
  }
}

function socketAddress(): string {
  const id = `perf-report-${process.pid}-${randomBytes(4).toString('hex')}`;
  return process.platform === 'win32' ? `\\\\?\\pipe\\${id}` : join(tmpdir(), `${id}.sock`);
}
