import type { SavedRun } from './perf-run.js';

/**
 * The one line a perf run ends with: where the statistics went, which backend recorded them
 * and, when Tracy was left out although the user let us choose, why.
 */
export function describeSavedRun(saved: SavedRun): string {
  const source = saved.backend === 'tracy' ? `Tracy capture ${saved.tracyPath}` : `embedded collector${saved.note ? ` (${saved.note})` : ''}`;
  const report = saved.generated.pdfPath ? `, report ${saved.generated.pdfPath}` : '';
  return `perf-report: ${saved.zones.length} zones → ${saved.csvPath} (${source}; ${saved.generated.summary})${report}`;
}
