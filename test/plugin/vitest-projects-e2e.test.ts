import { existsSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { asZoneRun } from '../support/runs.js';
import { VITEST_BIN, VITEST_PROJECTS_FIXTURE, buildOnce } from '../support/build.js';
import { installFakeTracyTools, type FakeTracyTools } from '../support/fake-tracy/fake-tools.js';
import { readZoneCsv, row, runIn, tempDir, removeTempDirs } from '../support/fixture-run.js';

let tools: FakeTracyTools | undefined;

beforeAll(() => {
  buildOnce();
});

afterAll(() => {
  tools?.remove();
  removeTempDirs();
});

/** The stored run's profiles: name → its zones, name → count. */
async function storedProfiles(out: string): Promise<Map<string, Map<string, number>>> {
  const storage = new ProfileStorage(join(out, 'profiles.h5'));
  expect(await storage.listVersions()).toEqual(['2.0.0']);
  const [platform] = await storage.listPlatforms('2.0.0');
  const run = asZoneRun(await storage.loadRun('2.0.0', platform as string));
  return new Map(run.profiles.map((profile) => [profile.name, new Map(profile.records.map((zone) => [zone.name, zone.counts]))]));
}

/**
 * fixtures/vitest-projects: the plugin at the root of a `test.projects` config, with an inline
 * project (`unit`), one that `extends: true` the root (`integration`) and a type-check-only one
 * (`types`). Both runtime projects include common/shared.test.ts.
 */
describe('the plugin at the root of a test.projects config', () => {
  it('profiles every project with --mode perf, one profile per project, stored as one run', async () => {
    const out = tempDir('projects');
    const run = runIn(VITEST_PROJECTS_FIXTURE, [VITEST_BIN, 'run', '--mode', 'perf', '--', '--perf-output', out]);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toMatch(/perf-report: \d+ zones → .*projects-fixture\.2\.0\.0\.projects .*2 profiles/);
    // The type-check file ran in tsc, not in a worker: it is not missing data.
    expect(run.output).not.toContain('no complete data');

    expect(readdirSync(join(out, 'projects-fixture.2.0.0.projects')).sort()).toEqual(['integration.csv', 'integration.rounds.csv', 'unit.csv', 'unit.rounds.csv']);

    const profiles = await storedProfiles(out);
    expect([...profiles.keys()].sort()).toEqual(['integration', 'unit']);
    const unit = profiles.get('unit') as Map<string, number>;
    const integration = profiles.get('integration') as Map<string, number>;
    expect(unit.get('parse > reads a number')).toBe(1);
    expect(unit.has('round trip')).toBe(false);
    expect(integration.get('round trip')).toBe(1);
    expect(integration.has('parse > reads a number')).toBe(false);
    // The file both projects run is a zone of each project's own, counted once in each.
    for (const zones of [unit, integration]) {
      expect(zones.get('runs in every project')).toBe(1);
      expect(zones.get('run common/shared.test.ts')).toBe(1);
    }
  });

  it('profiles a project that extends the root config with --mode perf', () => {
    const out = tempDir('projects-extends');
    const run = runIn(VITEST_PROJECTS_FIXTURE, [VITEST_BIN, 'run', '--project', 'integration', '--mode', 'perf', '--', '--perf-output', out]);
    expect(run.status, run.output).toBe(0);
    // One project ran: the run is one profile, as for a project without test.projects.
    const csv = readZoneCsv(out);
    expect(csv.file).toBe('projects-fixture.2.0.0.csv');
    expect(row(csv.rows, 'round trip').counts).toBe('1');
  });

  it('profiles every project with PERF_MODE=true', async () => {
    const out = tempDir('projects-env');
    const run = runIn(VITEST_PROJECTS_FIXTURE, [VITEST_BIN, 'run', '--', '--perf-output', out], { PERF_MODE: 'true' });
    expect(run.status, run.output).toBe(0);
    expect(run.output).not.toContain('no project of this run');
    expect([...(await storedProfiles(out)).keys()].sort()).toEqual(['integration', 'unit']);
  });

  it('with Tracy, keeps the one capture of every project and stores the profiles per project', async () => {
    tools = installFakeTracyTools();
    const out = tempDir('projects-tracy');
    const run = runIn(VITEST_PROJECTS_FIXTURE, [VITEST_BIN, 'run', '--project', 'unit', '--project', 'integration', '--mode', 'perf', '--', '--perf-output', out], {
      PERF_BACKEND: 'auto',
      TRACY_CAPTURE: '',
      TRACY_CSVEXPORT: '',
      PATH: `${tools.binDir}${delimiter}${dirname(process.execPath)}`,
    });
    expect(run.status, run.output).toBe(0);
    const tracyPath = join(out, 'projects-fixture.2.0.0.tracy');
    expect(existsSync(tracyPath)).toBe(true);
    expect(run.output).toContain(`one profile per project; the Tracy capture ${tracyPath} holds them all`);
    expect([...(await storedProfiles(out)).keys()].sort()).toEqual(['integration', 'unit']);
  });

  it('says in one line that projects given as directories are out of its reach', () => {
    const out = tempDir('projects-dirs');
    const run = runIn(VITEST_PROJECTS_FIXTURE, [VITEST_BIN, 'run', '--config', 'vitest.dirs.config.ts', '--', '--perf', '--perf-output', out]);
    expect(run.status, run.output).toBe(0);
    const ours = run.output.split('\n').filter((line) => line.includes('perf-report'));
    expect(ours).toEqual([expect.stringContaining('no project of this run lists the perfReport() plugin')]);
    expect(ours[0]).toContain("reporters: ['default', 'perf-report']");
  });
});
