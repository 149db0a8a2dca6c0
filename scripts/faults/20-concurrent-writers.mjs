// Four writer processes storing ten versions each into one history at once: every one of the
// forty runs must be in it at the end, readable by h5wasm and h5py, and no lock or temp left.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateArgs, leftoversIn, readBack, removeDir, roundsCsv, runCli, scratchDir, tally } from './support/common.mjs';

const writerScript = fileURLToPath(new URL('./support/store-writer.mjs', import.meta.url));

const WRITERS = 4;
const VERSIONS = 10;
const faults = tally('concurrent writers');
const dir = scratchDir('writers');
const h5 = join(dir, 'profiles.h5');

/** A writer process storing its ten versions one after another. */
async function writer(index) {
  faults.counts.trials += VERSIONS;
  const child = spawn(process.execPath, [writerScript, h5, roundsCsv, String(index), String(VERSIONS)], { stdio: ['ignore', 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) faults.problem('failures', `writer ${index}: exit ${code}: ${stderr.trim()}`);
}

try {
  // The history exists before the writers start: each store then copies and checks it.
  const first = runCli(generateArgs(roundsCsv, dir, '0.0.0'));
  if (first.code !== 0) throw new Error(`the first store failed: ${first.stderr}`);
  await Promise.all(Array.from({ length: WRITERS }, (_, i) => writer(i + 1)));
  const read = await readBack(h5);
  if (read.error) faults.problem('corrupt', read.error);
  else {
    const expected = ['0.0.0', ...Array.from({ length: WRITERS * VERSIONS }, (_, i) => `${Math.floor(i / VERSIONS) + 1}.0.${(i % VERSIONS) + 1}`)];
    const lost = expected.filter((version) => !read.versions.includes(version));
    for (const version of lost) faults.problem('lost', `version ${version} is not in the history`);
    console.log(`${WRITERS} writers × ${VERSIONS} versions at once: ${read.versions.length} of ${expected.length} versions in the history, read by h5wasm and h5py`);
  }
  for (const name of leftoversIn(dir)) faults.problem('leftovers', `${name} is still there`);
} catch (error) {
  faults.problem('failures', error.message);
} finally {
  removeDir(dir);
}
faults.finish();
