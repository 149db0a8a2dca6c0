import type { RunComparison } from '../compare/comparison.js';
import type { StoredRun } from '../model/run.js';
import type { ProfileStorage } from '../store/profile-storage.js';
import { historyForReports } from './history.js';

export interface ReportRequest {
  /** The history the reports draw each zone's past from. */
  storage: ProfileStorage;
  projectName: string;
  current: StoredRun;
  baseline?: StoredRun;
  comparison: RunComparison;
  /** Where each report goes; a report without a path is not written. */
  pdfPath?: string;
  htmlPath?: string;
}

/**
 * The PDF and the HTML report of one comparison, as `generate` and `compare` write them: the
 * stored history is read once for both (only when a report shows it).
 */
export async function writeReports(request: ReportRequest): Promise<{ failures: Array<{ profile: string; reason: string }> }> {
  const { storage, projectName, current, baseline, comparison, pdfPath, htmlPath } = request;
  // The writers are loaded on use (pdfmake and its fonts, ~0.2 s of modules), while the history is read.
  const pdfWriter = pdfPath ? import('../render/pdf/write-pdf-report.js') : undefined;
  const htmlWriter = htmlPath ? import('../render/html/write-html-report.js') : undefined;
  // Settled at once so a failed load is reported where it is awaited, not as an unhandled rejection.
  pdfWriter?.catch(() => undefined);
  htmlWriter?.catch(() => undefined);
  const history = await historyForReports({ storage, current, ...(baseline ? { baseline } : {}), comparison }, { html: htmlPath !== undefined, pdf: pdfPath !== undefined });
  const sides = { projectName, current, ...(baseline ? { baseline } : {}), comparison, ...(history ? { history } : {}) };
  const written = pdfPath && pdfWriter ? await (await pdfWriter).writePdfReport({ ...sides, outFile: pdfPath }) : { failures: [] };
  if (htmlPath && htmlWriter && history) await (await htmlWriter).writeHtmlReport({ ...sides, history, outFile: htmlPath });
  return written;
}
