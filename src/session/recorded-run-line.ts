import type { RecordedRun } from './recording.js';

/**
 * The one line a perf run ends with: where the statistics went, which backend recorded them
 * and, when Tracy was left out although the user let us choose, why.
 */
export function describeRecordedRun(recorded: RecordedRun): string {
  const html = recorded.generated.htmlPath ? `, HTML ${recorded.generated.htmlPath}` : '';
  const report = `${recorded.generated.pdfPath ? `, report ${recorded.generated.pdfPath}` : ''}${html}`;
  if (recorded.backend === 'cpuprofile') {
    const count = `${recorded.profileFiles} CPU profile${recorded.profileFiles === 1 ? '' : 's'}`;
    return `perf-report: ${count} → ${recorded.profileDir} (${recorded.generated.summary})${report}`;
  }
  const source = recorded.backend === 'tracy' ? `Tracy capture ${recorded.tracyPath}` : `embedded collector${recorded.note ? ` (${recorded.note})` : ''}`;
  return `perf-report: ${recorded.zones.length} zones → ${recorded.csvPath} (${source}; ${recorded.generated.summary})${report}`;
}
