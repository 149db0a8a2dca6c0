/**
 * A stand-in for Tracy's `tracy-csvexport <trace file>`: reads the fake capture's file and
 * prints zone statistics as the real tool does (its header, integer ns, 6-decimal total_perc
 * and std_ns, fields joined without quoting). A file that is not a fake capture is refused
 * with exit 1, as the real one refuses what is not a Tracy trace.
 */
import { readFileSync } from 'node:fs';
import { FAKE_CAPTURE_FORMAT, type FakeCaptureFile } from './capture-file.js';

const path = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
if (!path) {
  process.stderr.write('Usage: extract [OPTION...] <trace file>\n');
  process.exit(1);
}

let capture: FakeCaptureFile;
try {
  capture = JSON.parse(readFileSync(path, 'utf8')) as FakeCaptureFile;
  if (capture.format !== FAKE_CAPTURE_FORMAT) throw new Error('not a capture');
} catch {
  process.stderr.write(`Could not load trace file ${path}\n`);
  process.exit(1);
}

const lines = ['name,src_file,src_line,total_ns,total_perc,counts,mean_ns,min_ns,max_ns,std_ns'];
for (const site of capture.sites) {
  const n = site.durations.length;
  if (n === 0) continue;
  const total = site.durations.reduce((sum, d) => sum + d, 0);
  const mean = total / n;
  const variance = n > 1 ? site.durations.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (n - 1) : 0;
  const perc = capture.spanNs > 0 ? (total / capture.spanNs) * 100 : 0;
  lines.push(
    [site.name, site.file, site.line, total, perc.toFixed(6), n, Math.floor(mean), Math.min(...site.durations), Math.max(...site.durations), Math.sqrt(variance).toFixed(6)].join(','),
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
