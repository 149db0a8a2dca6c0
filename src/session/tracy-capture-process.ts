import { execa, type ResultPromise } from 'execa';

export interface CaptureExit {
  /** Exit code, or undefined when it was killed by a signal or never started. */
  code: number | undefined;
  /** Why it did not exit with 0, in words ("exit 3", "killed by SIGKILL", "spawn ENOENT"). */
  problem: string | undefined;
  /** Its last output lines: tracy-capture says what went wrong on stdout. */
  output: string;
}

/** Lines of tracy-capture output kept for messages; it prints a progress line several times a second. */
const OUTPUT_LINES = 5;
/** After SIGINT (tracy-capture then saves what it has), this long before SIGKILL. */
const INTERRUPT_GRACE_MS = 5000;

/**
 * The tracy-capture child process of one run. Started with argv (no shell) through execa;
 * its output is drained continuously (a full pipe would stall its progress printing) and
 * only the last lines are kept. tracy-capture waits forever for a client, so every wait
 * here is bounded by the caller.
 */
export class TracyCaptureProcess {
  /** Settles when the process has exited (or failed to start); never rejects. */
  readonly exited: Promise<CaptureExit>;
  private exit: CaptureExit | undefined;
  private readonly tail: string[] = [];

  private constructor(private readonly child: ResultPromise) {
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => this.keep(chunk));
    this.exited = child.then(
      (result) => {
        const problem = result.failed ? (result.exitCode === undefined ? describeSignal(result.signal) ?? result.shortMessage : `exit ${result.exitCode}`) : undefined;
        this.exit = { code: result.exitCode, problem, output: this.output };
        return this.exit;
      },
      // With reject: false only a bug of ours lands here; still an exit, never an unhandled rejection.
      (error: Error) => (this.exit = { code: undefined, problem: error.message, output: this.output }),
    );
  }

  /** `tracy-capture -o <output> -f -a <host> -p <port>`: connect to our client, overwrite the file. */
  static start(tool: string, args: { output: string; host: string; port: number }): TracyCaptureProcess {
    const child = execa(tool, ['-o', args.output, '-f', '-a', args.host, '-p', String(args.port)], {
      reject: false,
      buffer: false,
      stdin: 'ignore',
      // Our own run must not wait for it when the caller has already given up on it.
      cleanup: true,
    });
    return new TracyCaptureProcess(child);
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /** Resolves with the exit, or undefined when it is still running after `timeoutMs`. */
  async waitForExit(timeoutMs: number): Promise<CaptureExit | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Ends it: SIGINT first, on which tracy-capture stops capturing and saves what it has
   * (capture.cpp's SIGINT handler), then SIGKILL if it does not exit within the grace time.
   */
  async stop(graceMs = INTERRUPT_GRACE_MS): Promise<CaptureExit> {
    if (this.exit) return this.exit;
    this.child.kill('SIGINT');
    const exit = await this.waitForExit(graceMs);
    if (exit) return exit;
    this.child.kill('SIGKILL');
    return this.exited;
  }

  private get output(): string {
    return this.tail.join('\n');
  }

  private keep(chunk: Buffer): void {
    // Progress lines are rewritten in place with \r and coloured with escape codes.
    const text = chunk.toString('utf8').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
    for (const line of text.split(/[\r\n]+/)) {
      const trimmed = line.trim();
      if (!trimmed) continue;
      this.tail.push(trimmed);
      if (this.tail.length > OUTPUT_LINES) this.tail.shift();
    }
  }
}

function describeSignal(signal: string | undefined): string | undefined {
  return signal ? `killed by ${signal}` : undefined;
}
