import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const tracyFixtures = fileURLToPath(new URL('../../fixtures/tracy-csvexport/', import.meta.url));
export const roundsFixtures = fileURLToPath(new URL('../../fixtures/rounds/', import.meta.url));
export const seedH5 = fileURLToPath(new URL('../../fixtures/seed-h5/profiles.h5', import.meta.url));
export const cliPath = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
