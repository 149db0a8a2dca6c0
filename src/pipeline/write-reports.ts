import type { RunComparison } from '../compare/comparison.js';
import type { StoredRun } from '../model/run.js';
import { renderPdfReportInRenderer } from '../render/pdf/pdf-renderer.js';
import { writeRenderedPdf } from '../render/pdf/write-rendered-pdf.js';
import type { RenderedPdfReport } from '../render/pdf/write-pdf-report.js';
import type { ProfileStorage } from '../store/profile-storage.js';
import { historyForReports } from './history.js';

export interface ReportRequest {
  /** The history the reports draw each zone's past from. */
  storage: ProfileStorage;
  projectName: string;
  current: StoredRun;
  baseline: StoredRun | undefined;
  comparison: RunComparison;
  /** Where each report goes; a report without a path is not written. */
  pdfPath: string | undefined;
  htmlPath: string | undefined;
}

/** Reports under way: the PDF is rendering (in the renderer process when there is one). */
export interface PreparedReports {
  /** Writes the HTML report, then the PDF once it is rendered. */
  write(): Promise<{ failures: Array<{ profile: string; reason: string }> }>;
  /** Nothing will be written (the run could not be stored): the rendering no longer holds the process. */
  abandon(): void;
}

/**
 * Starts the reports of one comparison, as `generate` and `compare` write them: the stored
 * history is read once for both (only when a report shows it), and the PDF starts rendering.
 * Nothing is written until `write()`, so `generate` stores the run meanwhile and writes no
 * report for a run it could not store. The history is read before the run is stored: it holds
 * the current run from memory either way (see loadHistory).
 */
export async function prepareReports(request: ReportRequest): Promise<PreparedReports> {
  const { storage, projectName, current, baseline, comparison, pdfPath, htmlPath } = request;
  // The HTML writer is loaded on use, while the history is read.
  const htmlWriter = htmlPath ? import('../render/html/write-html-report.js') : undefined;
  // Settled at once so a failed load is reported where it is awaited, not as an unhandled rejection.
  htmlWriter?.catch(() => undefined);
  const history = await historyForReports({ storage, current, ...(baseline ? { baseline } : {}), comparison }, { html: htmlPath !== undefined, pdf: pdfPath !== undefined });
  const sides = { projectName, current, ...(baseline ? { baseline } : {}), comparison, ...(history ? { history } : {}) };
  const rendering = pdfPath ? renderPdfReportInRenderer({ ...sides, outFile: pdfPath }) : undefined;
  const pdf: Promise<RenderedPdfReport> | undefined = rendering?.rendered;
  pdf?.catch(() => undefined);
  await rendering?.handedOver;
  return {
    abandon: () => rendering?.abandon(),
    async write() {
      if (htmlPath && htmlWriter && history) await (await htmlWriter).writeHtmlReport({ ...sides, history, outFile: htmlPath });
      if (!pdfPath || !pdf) return { failures: [] };
      const rendered = await pdf;
      await writeRenderedPdf(pdfPath, rendered.pdf);
      return { failures: rendered.result.failures };
    },
  };
}

/** The PDF and the HTML report of one comparison, rendered and written. */
export async function writeReports(request: ReportRequest): Promise<{ failures: Array<{ profile: string; reason: string }> }> {
  return (await prepareReports(request)).write();
}
