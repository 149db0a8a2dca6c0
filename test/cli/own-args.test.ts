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

  it('takes the gate\'s switches and the CI flags out too', () => {
    expect(splitOwnArgs(['--shard=1/2', '--fail-on-regression', '--summary-md', 'out.md', '--baseline-ref=origin/main', '--require-baseline', '-t', 'x'])).toMatchObject({
      runnerArgs: ['--shard=1/2', '-t', 'x'],
      failOnRegression: 'true',
      requireBaseline: 'true',
      summaryMd: 'out.md',
      baselineRef: 'origin/main',
    });
    expect(splitOwnArgs(['run'])).toMatchObject({ runnerArgs: ['run'], failOnRegression: undefined, requireBaseline: undefined });
  });
});
