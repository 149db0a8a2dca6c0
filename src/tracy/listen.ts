import { createServer, type Server, type Socket } from 'node:net';
import { workError } from '../errors.js';

/**
 * Binds the client's listening socket. Tracy's client listens and the capture connects
 * (Tracy's TracyProfiler.cpp, Profiler::Worker). Unlike Tracy's C++ client, which binds every interface, the default here is
 * loopback only. A busy port moves on to the next one, as the C++ client does for
 * 8086..8105, and the caller learns the bound port so it can pass `-p` to tracy-capture.
 */

export interface ListenRequest {
  host: string;
  port: number;
  /** How many ports to try, starting at `port`. */
  attempts: number;
  onConnection: (socket: Socket) => void;
}

export async function listenForCaptures(request: ListenRequest): Promise<{ server: Server; port: number }> {
  const last = request.port + Math.max(1, request.attempts) - 1;
  for (let port = request.port; port <= last; port++) {
    const server = createServer(request.onConnection);
    const outcome = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      server.once('error', resolve);
      server.listen({ host: request.host, port, exclusive: true }, () => resolve(undefined));
    });
    if (!outcome) {
      // Port 0 asks the system for any free port; report the one bound.
      const address = server.address();
      return { server, port: typeof address === 'object' && address ? address.port : port };
    }
    server.close();
    if (outcome.code !== 'EADDRINUSE') {
      throw workError(undefined, `Tracy client cannot listen on ${request.host}:${port}: ${outcome.message}`, outcome);
    }
  }
  const range = last === request.port ? `port ${request.port}` : `ports ${request.port}-${last}`;
  throw workError(
    undefined,
    `Tracy client cannot listen: ${range} on ${request.host} ${last === request.port ? 'is' : 'are all'} in use. ` +
      'Stop the program holding it (another Tracy client?) or choose another port (TRACY_PORT or the port option) and pass it to tracy-capture with -p.',
  );
}
