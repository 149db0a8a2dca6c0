import { describe, expect, it } from 'vitest';
import { conditionChanges } from '../../src/compare/run-conditions.js';
import { describeRun } from '../../src/pipeline/run-meta.js';

const meta = (overrides: Partial<ReturnType<typeof describeRun>>) => ({
  ...describeRun({ version: '1.0.0', packageName: 'app', backend: 'embedded', timestamp: 1 }),
  processor: 'CPU A',
  nodeVersion: 'v20.11.0',
  ...overrides,
});

describe('conditionChanges', () => {
  it('names each measuring condition the two runs did not share, baseline first', () => {
    expect(
      conditionChanges(meta({ coverage: 'off' }), meta({ processor: 'CPU B', nodeVersion: 'v20.12.2', backend: 'tracy', coverage: 'istanbul' })),
    ).toEqual([
      { what: 'CPU', baseline: 'CPU A', current: 'CPU B' },
      { what: 'Node.js', baseline: 'v20.11.0', current: 'v20.12.2' },
      { what: 'backend', baseline: 'embedded', current: 'tracy' },
      { what: 'coverage', baseline: 'off', current: 'istanbul' },
    ]);
  });

  it('finds none between runs measured alike, nor where one side did not record the fact', () => {
    expect(conditionChanges(meta({ coverage: 'off' }), meta({ version: '1.1.0', machineId: 'other-host', coverage: 'off' }))).toEqual([]);
    // A run stored from CSVs, or by the original tool, knows nothing of coverage or of its CPU.
    expect(conditionChanges(meta({ processor: '' }), meta({ coverage: 'v8' }))).toEqual([]);
  });
});
