import type { RunComparison } from '../compare/comparison.js';
import type { StoredRun } from '../model/run.js';
import { writeHtmlReport } from '../render/html/write-html-report.js';
import { writePdfReport } from '../render/pdf/write-pdf-report.js';
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
  const history = await historyForReports({ storage, current, ...(baseline ? { baseline } : {}), comparison }, { html: htmlPath !== undefined, pdf: pdfPath !== undefined });
  const sides = { projectName, current, ...(baseline ? { baseline } : {}), comparison, ...(history ? { history } : {}) };
  const written = pdfPath ? await writePdfReport({ ...sides, outFile: pdfPath }) : { failures: [] };
  if (htmlPath && history) await writeHtmlReport({ ...sides, history, outFile: htmlPath });
  return written;
}
