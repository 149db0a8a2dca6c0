import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileStorage } from '../../src/api.js';
import { tracyFixtures } from '../support/fixtures.js';
import { meta } from '../support/runs.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('storeDirectory (the API\'s ProfileStorage.fromDirectory)', () => {
  it('extracts and stores a directory as one run', async () => {
    const dir = tempDir();
    copyFileSync(join(tracyFixtures, 'app.1.1.0.csv'), join(dir, 'app.1.1.0.csv'));
    const storage = await ProfileStorage.fromDirectory({ profileDir: dir, h5Path: join(dir, 'profiles.h5'), meta: meta('1.1.0') });
    const [loaded] = await storage.loadProfiles('1.1.0', 'linux-x64-node20');
    expect(loaded?.name).toBe('app');
    expect(loaded?.records).toHaveLength(40);
  });
});
