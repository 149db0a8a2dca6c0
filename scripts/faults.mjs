// `npm run faults`: the fault sections in scripts/faults/*.mjs, each run in name order as its
// own process (a section may mount, kill and fill disks without harming the next). A section
// prints what it did and, as its last stdout line,
//   FAULTS {"section":"…","trials":n,"corrupt":n,"lost":n,"outside":n,"leftovers":n,"failures":n}
// (optionally "skipped":1 when it could not run here). To add a section, add a file there.
// Exits 1 when any section counted a corrupt or lost history, an outcome outside the expected
// ones, a leftover file or a failure, or ended without its FAULTS line.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const sectionsDir = fileURLToPath(new URL('./faults/', import.meta.url));
const COUNTERS = ['trials', 'corrupt', 'lost', 'outside', 'leftovers', 'failures'];
const BAD = COUNTERS.slice(1);

function runSection(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(sectionsDir, file)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    let last;
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        process.stdout.write(`${line}\n`);
        if (line.trim()) last = line;
      }
    });
    child.on('close', (code, signal) => {
      if (pending.trim()) {
        process.stdout.write(`${pending}\n`);
        last = pending;
      }
      const match = /^FAULTS (\{.*\})\s*$/.exec(last ?? '');
      let result;
      try {
        result = match ? JSON.parse(match[1]) : undefined;
      } catch {
        result = undefined;
      }
      if (!result) {
        resolve({ section: file, ...Object.fromEntries(COUNTERS.map((name) => [name, 0])), failures: 1, note: 'no FAULTS line' });
        return;
      }
      // A section that crashed after its line still failed.
      if (code !== 0) result.failures = (result.failures ?? 0) + 1;
      if (signal) result.note = `ended by ${signal}`;
      resolve(result);
    });
  });
}

const files = readdirSync(sectionsDir).filter((name) => name.endsWith('.mjs')).sort();
const results = [];
for (const file of files) {
  console.log(`\n== ${file}`);
  const started = Date.now();
  const result = await runSection(file);
  result.seconds = Math.round((Date.now() - started) / 1000);
  results.push(result);
}

const rows = [['section', ...COUNTERS, 'seconds'], ...results.map((r) => [`${r.section}${r.skipped ? ' (skipped)' : ''}`, ...COUNTERS.map((name) => String(r[name] ?? 0)), String(r.seconds)])];
const totals = ['total', ...COUNTERS.map((name) => String(results.reduce((sum, r) => sum + Number(r[name] ?? 0), 0))), String(results.reduce((sum, r) => sum + r.seconds, 0))];
rows.push(totals);
const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
console.log('\nfaults:');
for (const [index, row] of rows.entries()) {
  console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
  if (index === 0 || index === rows.length - 2) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
}
const skipped = results.filter((r) => r.skipped).map((r) => r.section);
if (skipped.length > 0) console.log(`skipped here (not passed): ${skipped.join(', ')}`);
const bad = results.filter((r) => BAD.some((name) => Number(r[name] ?? 0) > 0));
if (bad.length > 0) {
  console.log(`FAILED: ${bad.map((r) => `${r.section}${r.note ? ` (${r.note})` : ''}`).join(', ')}`);
  process.exitCode = 1;
} else {
  console.log('no history corrupt or lost, no outcome outside the expected ones, nothing left behind');
}
