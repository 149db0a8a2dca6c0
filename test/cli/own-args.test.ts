import { describe, expect, it } from 'vitest';
import { splitOwnArgs } from '../../src/cli/own-args.js';

describe('perf-report vitest|jest own flags', () => {
  it('takes --perf-backend out of the runner arguments, in both spellings', () => {
    expect(splitOwnArgs(['run', '--perf-backend', 'cpuprofile', '--pool=forks', '--perf-output=out'])).toEqual({
      runnerArgs: ['run', '--pool=forks'],
      output: 'out',
      backend: 'cpuprofile',
      rounds: undefined,
      version: undefined,
    });
    expect(splitOwnArgs(['--perf', '--perf-backend=embedded', 'x.test.ts'])).toEqual({ runnerArgs: ['x.test.ts'], output: undefined, backend: 'embedded', rounds: undefined, version: undefined });
    expect(splitOwnArgs(['--perf-rounds', '5', '--perf-version=1.2.0+abc'])).toMatchObject({ runnerArgs: [], rounds: '5', version: '1.2.0+abc' });
  });
});
