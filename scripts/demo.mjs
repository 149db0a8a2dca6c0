// The README's main job: profile the sample Vitest project in fixtures/sample-app with
// perf-report (the embedded collector: no Tracy needed) and leave perf/ in this repository
// with the zone CSV, profiles.h5 and the PDF report. Run by `npm run demo` after the build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const app = join(repo, 'fixtures/sample-app');

// The sample app imports `perf-report/plugin` as an installed dependency would be found.
const link = join(app, 'node_modules/perf-report');
if (!existsSync(join(link, 'package.json'))) {
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(repo, link, 'dir');
}

const result = spawnSync(process.execPath, [join(repo, 'dist/src/cli/main.js'), 'vitest', '--perf-output', join(repo, 'perf')], {
  cwd: app,
  stdio: 'inherit',
});
process.exitCode = result.status ?? 1;
