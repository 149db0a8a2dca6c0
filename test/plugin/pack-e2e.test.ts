import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, VITEST_FIXTURE, buildOnce } from '../support/build.js';
import { readZoneCsv, row, runIn, tempDir, removeTempDirs } from '../support/fixture-run.js';

const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });

beforeAll(() => {
  buildOnce();
});

afterAll(() => {
  removeTempDirs();
});

describe('the packed package', () => {
  it('installs into a fresh project and profiles it through the plugin', () => {
    const packDir = tempDir('pack');
    // dist/ is already built; the prepack build would race with other test files.
    const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], REPO)) as Array<{ filename: string }>;
    const tarball = join(packDir, packed!.filename);

    const project = tempDir('consumer');
    for (const entry of ['package.json', 'vitest.config.ts', 'src', 'test']) {
      cpSync(join(VITEST_FIXTURE, entry), join(project, entry), { recursive: true });
    }
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(project, 'package.json'), JSON.stringify({ ...manifest, name: 'packed-consumer', version: '0.4.0' }, null, 2));
    const vitestVersion = (JSON.parse(readFileSync(join(REPO, 'node_modules/vitest/package.json'), 'utf8')) as { version: string }).version;
    npm(['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, `vitest@${vitestVersion}`], project);

    const out = join(project, 'perf-out');
    const run = runIn(project, [join(project, 'node_modules/vitest/vitest.mjs'), 'run', '--', '--perf', '--perf-output', out]);
    expect(run.status, run.output).toBe(1);
    const csv = readZoneCsv(out);
    expect(csv.file).toBe('packed-consumer.0.4.0.csv');
    expect(row(csv.rows, 'math > beforeEach')).toMatchObject({ src_file: 'test/math.test.ts', counts: '3' });
    expect(row(csv.rows, 'fib')).toMatchObject({ src_file: 'src/lib.ts', counts: '2' });
    expect(row(csv.rows, 'parallel > first').counts).toBe('1');

    // CommonJS code (a Jest test file) can require the zones; outside a perf run they call through.
    const required = execFileSync(process.execPath, ['-e', "const z = require('perf-report/zones'); console.log(z.zone('a', () => 6 * 7), z.defineZone('b').run(() => 'ran'), z.recording)"], { cwd: project, encoding: 'utf8' });
    expect(required.trim()).toBe('42 ran false');
    // TypeScript finds every entry's types: with Node 10 resolution (exports unread: typesVersions), and
    // the zones' CommonJS types with Node 16 resolution in a CommonJS project.
    writeFileSync(
      join(project, 'typed.ts'),
      [
        "import { zone, defineZone, type Zone } from 'perf-report/zones';",
        "import { perfReport } from 'perf-report/plugin';",
        "import { withPerfZones } from 'perf-report/jest/environment';",
        "import type PerfReportJestReporter from 'perf-report/jest';",
        "import { ProfileStorage } from 'perf-report/api';",
        "const parse: Zone = defineZone('parse');",
        "const total: number = zone('sum', () => 1 + 2);",
        'export const used = [parse, total, perfReport, withPerfZones, ProfileStorage] as const;',
        'export type Reporter = PerfReportJestReporter;',
      ].join('\n'),
    );
    writeFileSync(join(project, 'typed-cjs.cts'), "import { zone, type Zone } from 'perf-report/zones';\nexport const total: number = zone('sum', () => 1 + 2);\nexport type Z = Zone;\n");
    const tsc = (args: string[]) => execFileSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '--noEmit', '--skipLibCheck', '--strict', ...args], { cwd: project, encoding: 'utf8' });
    expect(tsc(['--module', 'commonjs', '--moduleResolution', 'node10', '--esModuleInterop', '--ignoreDeprecations', '5.0', 'typed.ts'])).toBe('');
    expect(tsc(['--module', 'node16', '--moduleResolution', 'node16', 'typed-cjs.cts'])).toBe('');
  });
});
