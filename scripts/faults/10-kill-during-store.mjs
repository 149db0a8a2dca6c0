// SIGKILL at random points of `perf-report generate` storing a run: the history must stay
// readable (h5wasm with checksums, and h5py) and keep every version committed before, and
// the temps and locks killed runs leave must be gone after the next complete store.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { generateArgs, leftoversIn, readBack, removeDir, roundsCsv, runCli, scratchDir, startCli, tally } from './support/common.mjs';

const KILLS = 52;
const faults = tally('kill -9 during a store');
const dir = scratchDir('kill');
const h5 = join(dir, 'profiles.h5');

// How long a run takes until its store is done (the history's mtime changes), measured here:
// the kills are spread over that span and a little past it, so some land before the store,
// many inside it, and some after the rename.
function timeToStore(version) {
  const started = Date.now();
  const { child, ended } = startCli(generateArgs(roundsCsv, dir, version));
  const before = statSync(h5, { throwIfNoEntry: false })?.mtimeMs;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const now = statSync(h5, { throwIfNoEntry: false })?.mtimeMs;
      if (now !== undefined && now !== before) {
        clearInterval(timer);
        const elapsed = Date.now() - started;
        ended.then(() => resolve(elapsed));
      }
    }, 5);
    ended.then((result) => {
      if (result.code !== 0) {
        clearInterval(timer);
        resolve(undefined);
      }
    });
  });
}

try {
  const first = runCli(generateArgs(roundsCsv, dir, '0.0.1'));
  if (first.code !== 0) throw new Error(`the first store failed: ${first.stderr}`);
  const spans = [await timeToStore('0.0.2'), await timeToStore('0.0.3')].filter((span) => span !== undefined);
  const span = Math.max(...spans, 500);
  console.log(`a store is done ${span} ms after the start; ${KILLS} kills spread over 0-${Math.round(span * 1.3)} ms`);

  let committed = (await readBack(h5)).versions ?? [];
  let landedAfterCommit = 0;
  let landedInStore = 0;
  for (let trial = 1; trial <= KILLS; trial++) {
    faults.counts.trials++;
    const version = `1.0.${trial}`;
    const { child, ended } = startCli(generateArgs(roundsCsv, dir, version));
    const delay = Math.floor(Math.random() * span * 1.3);
    const timer = setTimeout(() => child.kill('SIGKILL'), delay);
    const result = await ended;
    clearTimeout(timer);
    if (result.signal !== 'SIGKILL' && result.code !== 0) faults.problem('outside', `trial ${trial}: exit ${result.code}: ${result.stderr.trim()}`);
    // A temp or lock left behind: the kill landed while the run held the lock.
    if (result.signal === 'SIGKILL' && leftoversIn(dir).length > 0) landedInStore++;
    const read = await readBack(h5);
    if (read.error) {
      faults.problem('corrupt', `trial ${trial} (killed after ${delay} ms): ${read.error}`);
      break;
    }
    const lost = committed.filter((known) => !read.versions.includes(known));
    if (lost.length > 0) faults.problem('lost', `trial ${trial} (killed after ${delay} ms): ${lost.join(', ')} gone`);
    if (read.versions.includes(version)) landedAfterCommit++;
    committed = read.versions;
  }
  console.log(`${KILLS} kills: ${landedInStore} inside the store (holding the lock, a temp written), ${landedAfterCommit} after it had committed; ${committed.length} versions stored`);

  // The next complete store cleans up after the killed ones.
  const last = runCli(generateArgs(roundsCsv, dir, '2.0.0'));
  if (last.code !== 0) faults.problem('failures', `the store after the kills failed: ${last.stderr.trim()}`);
  const final = await readBack(h5);
  if (final.error) faults.problem('corrupt', `after the last store: ${final.error}`);
  else {
    const lost = committed.filter((known) => !final.versions.includes(known));
    if (lost.length > 0) faults.problem('lost', `after the last store: ${lost.join(', ')} gone`);
    if (!final.versions.includes('2.0.0')) faults.problem('lost', 'the last store is missing');
  }
  for (const name of leftoversIn(dir)) faults.problem('leftovers', `${name} is still there after a complete store`);
  console.log(`checked with h5wasm (every run's checksum) and h5py after every kill: ${final.versions?.length ?? 0} versions readable`);
} catch (error) {
  faults.problem('failures', error.message);
} finally {
  removeDir(dir);
}
faults.finish();
