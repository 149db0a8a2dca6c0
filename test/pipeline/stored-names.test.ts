// Zone texts the history cannot hold as they are (a NUL in a test title, a title past the
// 4,096-byte field cap) are compared in the form they are stored in, so that the next run of
// the same suite finds every zone of its baseline.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/pipeline/generate.js';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

const HEADER = 'name,src_file,src_line,total_ns,total_perc,counts,mean_ns,min_ns,max_ns,std_ns';
const NUL_TITLES = ['parseURL > \u0000javascript:alert(1)', 'parseURL > \u0000https://invalid.com'];
const LONG_TITLE = `punycode > ${'0123456789'.repeat(500)}`;

function writeRun(dir: string, file: string): string {
  const rows = [...NUL_TITLES, LONG_TITLE, 'parseURL > plain'].map((name, index) => `${name},test/parse.test.ts,${10 + index},4000,1.0,4,1000,900,1200,50`);
  const path = join(dir, file);
  writeFileSync(path, `${HEADER}\n${rows.join('\n')}\n`);
  return path;
}

describe('zone texts compared as stored', () => {
  it('a title with a NUL, and one past the field cap, match their baseline zone in the next run', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'urls', version: '1.0.0' }));
    const options = { outDir: join(dir, 'perf'), name: 'urls', cwd: dir, pdf: false, html: false };
    await generate({ ...options, input: writeRun(dir, 'urls.1.0.0.csv'), version: '1.0.0' });
    const second = await generate({ ...options, input: writeRun(dir, 'urls.1.0.1.csv'), version: '1.0.1' });

    expect(second.comparison.kind).toBe('zones');
    expect(second.comparison.counts).toMatchObject({ new: 0, removed: 0, unjudged: 4 });
    const names = second.comparison.kind === 'zones' ? second.comparison.profiles.flatMap((profile) => profile.zones.map((zone) => zone.name)) : [];
    // A NUL is kept as JavaScript writes it: the two titles stay two zones.
    expect(names).toContain('parseURL > \\0javascript:alert(1)');
    expect(names).toContain('parseURL > \\0https://invalid.com');
    expect(names.find((name) => name.startsWith('punycode'))).toHaveLength(4096);

    const [stored] = await new ProfileStorage(join(dir, 'perf', 'profiles.h5')).loadProfiles('1.0.1', second.meta.platformId);
    expect(stored?.records.map((zone) => zone.name).sort()).toEqual([...names].sort());
  });
});
