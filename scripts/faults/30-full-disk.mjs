// A full disk while storing: a 2 MB tmpfs filled so that only a few KB are left, then a
// version appended and an existing one re-stored. A store that does not fit must fail in
// one line naming the history and the cause and leave it byte-identical; one that fits must
// be complete, and a run not stored gets no report. Needs root (mount); without it the section is skipped, not passed.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateArgs, isRoot, leftoversIn, linesOf, readBack, removeDir, roundsCsv, runCli, scratchDir, tally } from './support/common.mjs';

const faults = tally('full disk');
if (!isRoot()) {
  console.log('not root: a tmpfs cannot be mounted, so the full-disk section is skipped (the unit tests inject the failure instead)');
  faults.finish({ skipped: 1 });
  process.exit(0);
}

const dir = scratchDir('disk');
const h5 = join(dir, 'profiles.h5');
const filler = join(dir, 'filler');
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { encoding: 'utf8' });
if (mounted.status !== 0) {
  console.log(`mount failed (${mounted.stderr.trim()}): the full-disk section is skipped`);
  removeDir(dir);
  faults.finish({ skipped: 1 });
  process.exit(0);
}

/** Leaves `freeKb` KB free on the tmpfs. */
function fillLeaving(freeKb) {
  rmSync(filler, { force: true });
  const { bavail, bsize } = statfsSync(dir);
  const size = Number(bavail) * Number(bsize) - freeKb * 1024;
  try {
    if (size > 0) writeFileSync(filler, Buffer.alloc(size));
  } catch {
    // Full already: as full as it gets.
  }
}

const isReport = (name) => name.endsWith('.pdf') || name.endsWith('.html');

function removeReports() {
  for (const name of readdirSync(dir)) if (isReport(name)) rmSync(join(dir, name), { force: true });
}

try {
  const first = runCli(generateArgs(roundsCsv, dir, '1.0.0'));
  if (first.code !== 0) throw new Error(`the first store failed: ${first.stderr}`);
  removeReports();
  let failed = 0;
  let stored = 0;
  let serial = 0;
  for (const freeKb of [0, 4, 16, 32, 48, 64, 96, 160]) {
    for (const operation of ['append', 're-store']) {
      faults.counts.trials++;
      const version = operation === 'append' ? `2.0.${++serial}` : '1.0.0';
      const before = readFileSync(h5);
      const known = (await readBack(h5)).versions ?? [];
      fillLeaving(freeKb);
      const result = runCli(generateArgs(roundsCsv, dir, version));
      const lines = linesOf(result.stderr);
      const after = readFileSync(h5);
      const what = `${operation} ${version} with ${freeKb} KB free`;
      if (after.equals(before)) {
        failed++;
        // Not stored: the only right outcome is one line naming the history (or its lock) and the cause.
        const named = lines[0]?.includes(h5) && /no space left on device/i.test(lines[0]);
        if (result.code !== 1 || lines.length !== 1 || !named) faults.problem('outside', `${what}: exit ${result.code}, ${lines.length} lines: ${lines.slice(0, 2).join(' | ')}`);
        if (failed <= 3) console.log(`  ${what}: not stored, exit ${result.code}: ${lines[0]}`);
        // A run that was not stored gets no report (the PDF renders while the store runs, and is written after it).
        for (const name of readdirSync(dir).filter(isReport)) faults.problem('leftovers', `${what}: not stored, but ${name} was written`);
      } else {
        stored++;
        const read = await readBack(h5);
        if (read.error) faults.problem('corrupt', `${what}: ${read.error}`);
        else {
          for (const version of known) if (!read.versions.includes(version)) faults.problem('lost', `${what}: ${version} gone`);
          if (!read.versions.includes(version)) faults.problem('lost', `${what}: the stored version is missing`);
        }
        // The store fitted; the PDF written after it may not: still one line.
        if (lines.length > 1) faults.problem('outside', `${what}: stored, but ${lines.length} lines on stderr: ${lines.slice(0, 2).join(' | ')}`);
      }
      rmSync(filler, { force: true });
      removeReports();
      for (const name of leftoversIn(dir)) {
        faults.problem('leftovers', `${what}: ${name} left behind`);
        rmSync(join(dir, name), { force: true });
      }
    }
  }
  const read = await readBack(h5);
  if (read.error) faults.problem('corrupt', `at the end: ${read.error}`);
  console.log(`${faults.counts.trials} stores on a full 2 MB tmpfs: ${failed} did not fit (refused, history byte-identical), ${stored} fitted and are complete`);
} catch (error) {
  faults.problem('failures', error.message);
} finally {
  spawnSync('umount', [dir]);
  removeDir(dir);
}
faults.finish();
