import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
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
 *
 * A socket file takes its mode from the umask (0777 at umask 000), and anyone who can connect
 * can inject zones into the run. So it lives in a directory of its own (mkdtemp, 0700) and is
 * made 0600 once bound: the directory keeps others out also in the moment before the chmod.
 * Both are removed on close() and, should the process end without it (Ctrl-C in ab, which
 * exits from its signal handler), on the process's exit.
 */
export class CollectorServer {
  private readonly sockets = new Set<Socket>();
  private readonly removeOnExit = (): void => this.removeFiles();

  private constructor(
    private readonly server: Server,
    /** Pass this to workers; `WorkerChannel` connects to it. */
    readonly address: string,
    /** The private directory holding the socket (none for a Windows named pipe). */
    private readonly directory: string | undefined,
  ) {}

  static listen(openConnection: () => ConnectionSink): Promise<CollectorServer> {
    const { address, directory } = socketAddress();
    const server = createServer();
    const collector = new CollectorServer(server, address, directory);
    process.once('exit', collector.removeOnExit);
    server.on('connection', (socket) => collector.accept(socket, openConnection()));
    return new Promise((resolve, reject) => {
      const fail = (error: Error): void => {
        collector.removeFiles();
        reject(error);
      };
      server.once('error', fail);
      server.listen(address, () => {
        server.off('error', fail);
        if (process.platform !== 'win32') chmodSync(address, 0o600);
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
        this.removeFiles();
        resolve();
      });
    });
  }

  /** Synchronous: it also runs from the process's `exit` event. */
  private removeFiles(): void {
    process.off('exit', this.removeOnExit);
    if (this.directory) rmSync(this.directory, { recursive: true, force: true });
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

function socketAddress(): { address: string; directory?: string } {
  if (process.platform === 'win32') return { address: `\\\\?\\pipe\\perf-report-${process.pid}-${randomBytes(4).toString('hex')}` };
  // Short names: a socket path may not exceed about 100 bytes.
  const directory = mkdtempSync(join(tmpdir(), 'perf-report-'));
  chmodSync(directory, 0o700);
  return { address: join(directory, 'collector.sock'), directory };
}
