/**
 * The PDF renderer's own process (started by pdf-renderer.ts): it loads pdfmake and the
 * report's font as soon as it starts, then renders each report it is sent and sends back the
 * PDF's bytes. It ends with its parent's channel.
 */
import { messageOf, PerfReportError } from '../../errors.js';
import type { RenderReply, RenderRequest } from './pdf-renderer.js';
import { prepareRendering, renderPdfReport } from './write-pdf-report.js';

async function serve(request: RenderRequest): Promise<void> {
  let reply: RenderReply;
  try {
    const { pdf, result } = await renderPdfReport(request.input);
    reply = { id: request.id, pdf, result };
  } catch (error) {
    reply = { id: request.id, error: { kind: error instanceof PerfReportError ? error.kind : 'work', message: messageOf(error) } };
  }
  process.send?.(reply);
}

process.on('message', (request: RenderRequest) => void serve(request));
process.on('disconnect', () => process.exit(0));
prepareRendering();
// Requests sent before the listener above was attached would be lost: the parent waits for this.
process.send?.({ ready: true } satisfies RenderReply);
