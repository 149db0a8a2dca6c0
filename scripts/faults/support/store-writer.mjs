// One writer of the concurrent-writers section: stores `count` versions `<index>.0.<n>` of a
// zone CSV into a history, one after another, through the built store (the same save the
// CLI's generate calls; the PDF it would render next is no part of this fault).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repo } from './common.mjs';

const [h5, csv, index, count] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(join(repo, 'dist/src', path)).href);
const { ProfileStorage } = await load('store/profile-storage.js');
const { extractAll } = await load('extract/extract-all.js');
const { describeRun } = await load('pipeline/run-meta.js');

const storage = new ProfileStorage(h5);
for (let n = 1; n <= Number(count); n++) {
  const version = `${index}.0.${n}`;
  const profiles = await extractAll(csv, { version });
  const meta = describeRun({ version, packageName: 'faults', backend: 'tracy' });
  await storage.save({ version, platformId: meta.platformId, meta, kind: 'zones', profiles });
}
