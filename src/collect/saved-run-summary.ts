import type { SavedRun } from './start-run.js';

/**
 * The one line a perf run ends with: where the statistics went, which backend recorded them
 * and, when Tracy was left out although the user let us choose, why.
 */
export function describeSavedRun(saved: SavedRun): string {
  const report = saved.generated.pdfPath ? `, report ${saved.generated.pdfPath}` : '';
  if (saved.backend === 'cpuprofile') {
    const count = `${saved.profileFiles} CPU profile${saved.profileFiles === 1 ? '' : 's'}`;
    return `perf-report: ${count} → ${saved.profileDir} (${saved.generated.summary})${report}`;
  }
  const source = saved.backend === 'tracy' ? `Tracy capture ${saved.tracyPath}` : `embedded collector${saved.note ? ` (${saved.note})` : ''}`;
  return `perf-report: ${saved.zones.length} zones → ${saved.csvPath} (${source}; ${saved.generated.summary})${report}`;
}
