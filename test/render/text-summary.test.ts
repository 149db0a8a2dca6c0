import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { formatTextSummary } from '../../src/render/text-summary.js';
import { fixtureRun } from '../support/tracy-fixture.js';

describe('formatTextSummary', () => {
  it('prints counts and the worst regressions of the fixture pair', () => {
    const text = formatTextSummary(compareRuns(fixtureRun('1.1.0'), fixtureRun('1.0.0')), { projectName: 'app' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('perf-report: app 1.1.0 vs 1.0.0');
    expect(lines[1]).toMatch(/^ {2}1 profile, 40 zones, 2,441 calls, 460 ms profiled$/);
    expect(lines[2]).toMatch(/^ {2}3 regressions, 2 improvements, 0 unconfirmed, 1 new, 1 removed/);
    expect(lines[4]).toContain('+49.4%  db > insert 1000 rows  [app, test/db.test.ts:29]  1.92 ms -> 2.86 ms, p < 0.001');
    expect(lines).toHaveLength(7);
  });

  it('says when nothing was compared', () => {
    const text = formatTextSummary(compareRuns(fixtureRun('1.0.0'), undefined));
    expect(text).toBe(
      ['perf-report: 1.0.0', '  1 profile, 40 zones, 2,431 calls, 453 ms profiled', '  no baseline: nothing compared'].join('\n'),
    );
  });
});
