import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PerfReportError, type ErrorKind } from '../../errors.js';
import type { PdfReportInput, PdfReportResult, RenderedPdfReport } from './write-pdf-report.js';

/**
 * The PDF report of a perf run rendered in a process of its own, on the machine's other core:
 * pdfmake's layout is the longest step after a run, and the store and the HTML report need
 * none of it. The process is started while the tests run, so pdfmake and the font are loaded
 * by the time the report is asked for. A command that starts from nothing (`generate`,
 * `compare`) renders in its own process: a renderer started with it is not ready any sooner,
 * and its second heap costs some 95 MiB. Without a started renderer, without its compiled
 * entry (the sources run directly, as the unit tests do) and after it is lost, reports are
 * rendered in this process, with the same result.
 */

/** One report to render. */
export interface RenderRequest {
  id: number;
  input: PdfReportInput;
}

/** The renderer's answer: ready for requests, a rendered report, or why rendering failed. */
export type RenderReply =
  | { ready: true }
  | { id: number; pdf: Uint8Array; result: PdfReportResult }
  | { id: number; error: { kind: ErrorKind; message: string } };

const ENTRY = fileURLToPath(new URL('./renderer-process.js', import.meta.url));

/** The renderer process was lost before it answered: the report is rendered here instead. */
class RendererLost extends Error {}

interface Pending {
  request: RenderRequest;
  resolve: (rendered: RenderedPdfReport) => void;
  reject: (error: Error) => void;
  handOver: () => void;
}

/**
 * A report being rendered. `handedOver` settles once the request is written to the renderer's
 * channel: a large report is megabytes of it, and the pipe moves only while this process's
 * event loop runs, so a caller about to block on other work (the store) waits for it first.
 */
export interface PdfRendering {
  handedOver: Promise<void>;
  rendered: Promise<RenderedPdfReport>;
  /** The report is not wanted any more: its answer no longer keeps this process alive. */
  abandon(): void;
}

class RendererProcess {
  private ready = false;
  private lostReason: string | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: RenderReply) => this.receive(reply));
    child.on('error', (error) => this.lose(error.message));
    child.on('exit', (code, signal) => this.lose(`exited with ${signal ?? `code ${code}`}`));
    // The process does not keep this one alive: only a report it is rendering does.
    child.unref();
    this.holdOpen(false);
  }

  get alive(): boolean {
    return this.lostReason === undefined;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  render(input: PdfReportInput): PdfRendering {
    if (!this.alive) return { handedOver: Promise.resolve(), rendered: Promise.reject(new RendererLost(this.lostReason)), abandon: () => undefined };
    const request = { id: this.nextId++, input };
    let handOver = (): void => undefined;
    const handedOver = new Promise<void>((resolve) => {
      handOver = resolve;
    });
    const rendered = new Promise<RenderedPdfReport>((resolve, reject) => {
      const pending = { request, resolve, reject, handOver };
      this.pending.set(request.id, pending);
      this.holdOpen(true);
      // Before the renderer is ready, `receive` sends what is waiting.
      if (this.ready) this.send(pending);
    });
    const abandon = (): void => {
      this.pending.delete(request.id);
      this.holdOpen(this.pending.size > 0);
    };
    return { handedOver, rendered, abandon };
  }

  private send(pending: Pending): void {
    try {
      this.child.send(pending.request, (error) => {
        if (error) this.lose(error.message);
        pending.handOver();
      });
    } catch (error) {
      this.lose(error instanceof Error ? error.message : String(error));
    }
  }

  private receive(reply: RenderReply): void {
    if ('ready' in reply) {
      this.ready = true;
      for (const pending of this.pending.values()) this.send(pending);
      return;
    }
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    this.holdOpen(this.pending.size > 0);
    if ('error' in reply) waiting.reject(new PerfReportError(reply.error.kind, reply.error.message));
    else waiting.resolve({ pdf: Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength), result: reply.result });
  }

  private lose(reason: string): void {
    if (this.lostReason !== undefined) return;
    this.lostReason = reason;
    for (const { reject, handOver } of this.pending.values()) {
      reject(new RendererLost(reason));
      handOver();
    }
    this.pending.clear();
    this.holdOpen(false);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  /** The channel keeps this process alive only while a report is being rendered. */
  private holdOpen(hold: boolean): void {
    const channel = this.child.channel;
    if (hold) channel?.ref();
    else channel?.unref();
  }
}

let renderer: RendererProcess | undefined;

/**
 * Starts the renderer process, once per process, ahead of a perf run's report. Does nothing
 * without the compiled entry or when the process cannot be started: reports then render here.
 */
export function startPdfRenderer(): void {
  if (renderer?.alive || !existsSync(ENTRY)) return;
  try {
    const child = fork(ENTRY, [], { execArgv: [], serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    renderer = new RendererProcess(child);
  } catch {
    renderer = undefined;
  }
}

/** The renderer process's id while it runs (for diagnostics and tests). */
export function pdfRendererPid(): number | undefined {
  return renderer?.alive ? renderer.pid : undefined;
}

/** Renders a PDF report in the renderer process when one is running, else here. */
export function renderPdfReportInRenderer(input: PdfReportInput): PdfRendering {
  const inRenderer = renderer?.alive ? renderer.render(input) : undefined;
  const here = async (): Promise<RenderedPdfReport> => {
    const { renderPdfReport } = await import('./write-pdf-report.js');
    return renderPdfReport(input);
  };
  if (!inRenderer) return { handedOver: Promise.resolve(), rendered: here(), abandon: () => undefined };
  const rendered = inRenderer.rendered.catch((error: unknown) => {
    if (error instanceof RendererLost) return here();
    throw error;
  });
  return { handedOver: inRenderer.handedOver, rendered, abandon: inRenderer.abandon };
}
