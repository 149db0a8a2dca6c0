import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { readWorkerSettings } from '../environment.js';
import { cpuProfileFileName, cpuProfileStem } from './cpu-profile-files.js';

/**
 * The worker side of the cpuprofile backend: V8's sampling profiler, through the inspector
 * protocol, from the start of one test file (before it is imported) to its end, written as
 * the Chrome DevTools `.cpuprofile` JSON that Profiler.stop returns.
 *
 * `inspector.Session#connect()` attaches to the isolate it is called on, so in worker_threads
 * (Vitest's threads and vmThreads pools, Jest's workerThreads) each thread profiles itself,
 * not the main thread (checked on Node 20.20).
 *
 * Nothing here throws into the test runner: a profile that cannot be taken or written is
 * simply absent, and the main process reports the test files it has no profile for.
 */
export class FileProfiler {
  private session: Session | undefined;
  private current: string | undefined;

  constructor(
    private readonly directory: string,
    private readonly root: string,
    private readonly intervalUs: number,
  ) {}

  /** Starts a profile for `testFile` (absolute). */
  async fileStarting(testFile: string): Promise<void> {
    // A file whose run threw before its end: keep what was sampled rather than lose it.
    if (this.current !== undefined) await this.fileFinished(this.current);
    const session = new Session();
    try {
      session.connect();
      await session.post('Profiler.enable');
      // Only takes effect while the profiler is stopped, hence before every start.
      await session.post('Profiler.setSamplingInterval', { interval: this.intervalUs });
      await session.post('Profiler.start');
      this.session = session;
      this.current = testFile;
    } catch {
      disconnect(session);
    }
  }

  /** Stops the profile of `testFile` and writes it; a file that was never started is ignored. */
  async fileFinished(testFile: string): Promise<void> {
    const session = this.session;
    if (!session || this.current !== testFile) return;
    this.session = undefined;
    this.current = undefined;
    try {
      const { profile } = await session.post('Profiler.stop');
      await writeNew(this.directory, cpuProfileStem(this.root, testFile), JSON.stringify(profile));
    } catch {
      // Reported by the main process as a test file without a profile.
    } finally {
      // One session per file: vm pools may build a runner per file, and sessions left
      // connected would pile up in the worker.
      disconnect(session);
    }
  }
}

/**
 * `wx` makes the name claim atomic across workers: a test file that runs twice in one run
 * (Vitest projects sharing files, a rerun) gets `.2`, `.3`, … instead of overwriting. The main
 * process empties the directory before the run, so an existing name is always from this run.
 */
async function writeNew(directory: string, stem: string, text: string): Promise<void> {
  for (let occurrence = 1; ; occurrence++) {
    try {
      await writeFile(join(directory, cpuProfileFileName(stem, occurrence)), text, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function disconnect(session: Session): void {
  try {
    session.disconnect();
  } catch {
    // Already disconnected.
  }
}

/** This worker's file profiler, or undefined unless the run uses the cpuprofile backend. */
export function activeFileProfiler(env: NodeJS.ProcessEnv = process.env): FileProfiler | undefined {
  const settings = readWorkerSettings(env).cpuprofile;
  return settings ? new FileProfiler(settings.directory, settings.root, settings.intervalUs) : undefined;
}
