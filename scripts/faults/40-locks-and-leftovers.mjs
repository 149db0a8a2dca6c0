// Locks and temps that killed or failed runs leave: an empty lock (a full disk when it was
// created), a lock of foreign content, one of a dead process must not block the next store;
// temps of dead writers (a SIGKILL mid-store) are removed by the next store, a live
// writer's temp never is.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { generateArgs, leftoversIn, linesOf, readBack, removeDir, roundsCsv, runCli, scratchDir, startCli, tally } from './support/common.mjs';

const faults = tally('locks and leftovers');
const dir = scratchDir('locks');
const h5 = join(dir, 'profiles.h5');
let serial = 0;

function deadPid() {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

/** Stores the next version; a failure or a missing version counts against `what`. */
async function store(what) {
  const version = `1.0.${++serial}`;
  const result = runCli(generateArgs(roundsCsv, dir, version));
  if (result.code !== 0) {
    faults.problem('outside', `${what}: exit ${result.code}: ${linesOf(result.stderr).slice(0, 2).join(' | ')}`);
    return;
  }
  const read = await readBack(h5);
  if (read.error) faults.problem('corrupt', `${what}: ${read.error}`);
  else if (!read.versions.includes(version)) faults.problem('lost', `${what}: ${version} not stored`);
}

const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
try {
  await store('the first store');
  const locks = [
    ['an empty lock', ''],
    ['a lock of foreign content', 'locked by the backup job\n'],
    ['a lock of a dead process', JSON.stringify({ pid: deadPid(), host: hostname(), since: new Date().toISOString() })],
  ];
  for (const [what, content] of locks) {
    faults.counts.trials++;
    writeFileSync(`${h5}.lock`, content);
    await store(what);
    if (existsSync(`${h5}.lock`)) faults.problem('leftovers', `${what}: the lock is still there`);
    console.log(`  ${what}: taken over, the run stored`);
  }

  faults.counts.trials++;
  const deadTemp = `.profiles.h5.${deadPid()}.0badf00d.tmp`;
  const liveTemp = `.profiles.h5.${sleeper.pid}.abcdef01.tmp`;
  writeFileSync(join(dir, deadTemp), Buffer.alloc(1536 * 1024));
  writeFileSync(join(dir, liveTemp), Buffer.alloc(1024));
  await store('temps of a dead and a live writer');
  if (existsSync(join(dir, deadTemp))) faults.problem('leftovers', `${deadTemp} (its writer is dead) is still there`);
  if (!existsSync(join(dir, liveTemp))) faults.problem('failures', `${liveTemp} of a live writer was removed`);
  else console.log('  temps: the dead writer\'s 1.5 MB temp removed, the live writer\'s kept');
  spawnSync('rm', ['-f', join(dir, liveTemp)]);

  // A real SIGKILL while the temp is being written: the next store removes what it left.
  faults.counts.trials++;
  const { child, ended } = startCli(generateArgs(roundsCsv, dir, '9.9.9'));
  const seen = await new Promise((resolve) => {
    const timer = setInterval(() => {
      if (readdirSync(dir).some((name) => /^\.profiles\.h5\.\d+\.[0-9a-f]{8}\.tmp$/.test(name))) {
        clearInterval(timer);
        child.kill('SIGKILL');
        resolve(true);
      }
    }, 1);
    ended.then(() => {
      clearInterval(timer);
      resolve(false);
    });
  });
  await ended;
  const left = leftoversIn(dir);
  await store('the store after a kill mid-write');
  for (const name of leftoversIn(dir)) faults.problem('leftovers', `${name} is still there after the next store`);
  console.log(`  kill -9 mid-write: ${seen ? `left ${left.join(', ') || 'nothing'}` : 'the run ended before its temp was seen'}; the next store cleaned up`);
} catch (error) {
  faults.problem('failures', error.message);
} finally {
  sleeper.kill('SIGKILL');
  removeDir(dir);
}
faults.finish();
