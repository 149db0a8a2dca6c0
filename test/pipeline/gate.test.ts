import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { budgetFor, parseBudgets, readConfigBudgets } from '../../src/pipeline/budgets.js';
import { applyGate, GATE_EXIT_CODES } from '../../src/pipeline/gate.js';
import { EXIT_BAD_INPUT, EXIT_REGRESSION } from '../../src/cli/exit-codes.js';
import { fixtureRun, roundsFixtureRun } from '../support/tracy-fixture.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
// The recorded pair: fnv hash ×3 and sort numbers ×3 in 1.1.0, json round trip ×0.3; 10 rounds a side.
const recorded = compareRuns(roundsFixtureRun('1.1.0'), roundsFixtureRun('1.0.0'));

describe('the regression gate', () => {
  it('is absent unless asked for, and its exit codes are the CLI\'s', () => {
    expect(applyGate(recorded, {})).toBeUndefined();
    expect(GATE_EXIT_CODES.failed).toBe(EXIT_REGRESSION);
    expect(GATE_EXIT_CODES['nothing-checked']).toBe(EXIT_BAD_INPUT);
  });

  it('fails on the confirmed regressions, largest first, and names them', () => {
    const gate = applyGate(recorded, { failOnRegression: true })!;
    expect(gate.outcome).toBe('failed');
    expect(gate.exitCode).toBe(3);
    expect(gate.regressions.map((finding) => finding.name)).toEqual(recorded.topRegressions.map((zone) => zone.name));
    expect(gate.regressions.map((finding) => finding.name)).toEqual(expect.arrayContaining(['sort numbers', 'fnv hash']));
    expect(gate.line).toMatch(/^gate: failed: 5 confirmed regressions over budget among 89 judged zones: .+ and 2 more$/);
    expect(gate.regressions.every((finding) => finding.limitPercent === 5 && (finding.pValue ?? 1) <= 0.01)).toBe(true);
  });

  it('follows the budgets: ignored zones and larger budgets pass, a smaller budget catches what the threshold let through', () => {
    const names = recorded.topRegressions.map((zone) => zone.name);
    const ignoreAll = parseBudgets(Object.fromEntries(names.map((name) => [name, 'ignore'])), 'budgets');
    const passed = applyGate(recorded, { failOnRegression: true, budgets: ignoreAll })!;
    expect(passed).toMatchObject({ outcome: 'passed', exitCode: 0, ignored: 5, checked: 84 });
    expect(passed.line).toBe('gate: passed: no confirmed regression over budget among 84 judged zones, 5 ignored by the budgets');

    // The first matching glob decides: fnv hash gets 500 %, everything else (**) 300 %.
    const generous = applyGate(recorded, { failOnRegression: true, budgets: parseBudgets({ 'fnv hash': 500, '**': 300 }, 'budgets') })!;
    expect(generous.regressions.map((finding) => [finding.name, finding.limitPercent])).toEqual([['file 2 > calls sortWork 150 times', 300]]);

    // At a 200 % threshold fnv hash (+181 %, confirmed) is "unchanged"; a 100 % budget catches it.
    const high = compareRuns(roundsFixtureRun('1.1.0'), roundsFixtureRun('1.0.0'), { threshold: 200 });
    expect(high.profiles.flatMap((profile) => profile.zones).find((zone) => zone.name === 'fnv hash')?.verdict).toBe('unchanged');
    const byThreshold = applyGate(high, { failOnRegression: true })!;
    expect(byThreshold.regressions.map((finding) => finding.name).sort()).toEqual(['file 2', 'file 2 > calls sortWork 150 times', 'sort numbers']);
    const byBudget = applyGate(high, { failOnRegression: true, budgets: parseBudgets({ 'fnv hash': 100 }, 'budgets') })!;
    expect(byBudget.regressions.map((finding) => [finding.name, finding.limitPercent])).toContainEqual(['fnv hash', 100]);
    expect(byBudget.regressions).toHaveLength(4);
  });

  it('reports a confirmed regression without failing when only --require-baseline is on', () => {
    const gate = applyGate(recorded, { requireBaseline: true })!;
    expect(gate).toMatchObject({ outcome: 'passed', exitCode: 0 });
    expect(gate.line).toContain('(not failing: --fail-on-regression is off)');
  });

  it('says when it checked nothing, and fails then only with --require-baseline', () => {
    const alone = compareRuns(fixtureRun('1.0.0'), undefined);
    expect(applyGate(alone, { failOnRegression: true })).toMatchObject({
      outcome: 'nothing-checked',
      exitCode: 0,
      line: 'gate: no baseline to compare with; nothing was checked; --require-baseline makes this an error',
    });
    expect(applyGate(alone, { failOnRegression: true, requireBaseline: true })).toMatchObject({
      exitCode: 2,
      line: 'gate: no baseline to compare with; nothing was checked (--require-baseline: exit 2)',
    });
    // Runs without rounds: one a side, nothing can be judged.
    const oneRound = compareRuns(fixtureRun('1.1.0'), fixtureRun('1.0.0'));
    expect(applyGate(oneRound, { failOnRegression: true, requireBaseline: true })).toMatchObject({
      outcome: 'nothing-checked',
      exitCode: 2,
      line: 'gate: no zone could be judged (1 vs 1 round a side); nothing was checked (--require-baseline: exit 2)',
    });
    expect(applyGate(recorded, { failOnRegression: true }, { shard: '2/4' })?.line).toMatch(/^gate: shard 2\/4 is a partial run, not compared/);
  });
});

describe('budgets', () => {
  it('match a zone by name or by file, first match first', () => {
    const rules = parseBudgets({ 'src/parser/**': 2, 'collect **': 'ignore', 'render *': 50 }, 'budgets');
    expect(budgetFor(rules, { name: 'tokenize', srcFile: 'src/parser/lexer.ts' })?.thresholdPercent).toBe(2);
    expect(budgetFor(rules, { name: 'collect test/a.test.ts', srcFile: 'test/a.test.ts' })?.ignore).toBe(true);
    expect(budgetFor(rules, { name: 'render page', srcFile: 'src/ui.ts' })?.thresholdPercent).toBe(50);
    expect(budgetFor(rules, { name: 'other', srcFile: 'src/ui.ts' })).toBeUndefined();
  });

  it('refuse what they cannot use, naming the file and the entry', () => {
    expect(() => parseBudgets({ parse: 'fast' }, 'the budgets option')).toThrow('the budgets option: the budget of "parse" is "fast"; expected a percent ≥ 0 or "ignore"');
    expect(() => parseBudgets([2], 'the budgets option')).toThrow('the budgets option is [2]; expected an object of glob → percent or "ignore"');
    const dir = tempDir();
    expect(readConfigBudgets(dir)).toBeUndefined();
    const file = join(dir, 'perf-report.config.json');
    writeFileSync(file, '{ "budgets": { "parse": -1 } }');
    expect(() => readConfigBudgets(dir)).toThrow(`${file}: "budgets": the budget of "parse" is -1`);
    writeFileSync(file, '{ "budget": {} }');
    expect(() => readConfigBudgets(dir)).toThrow(`${file}: has unknown key "budget"; the only key is "budgets"`);
    writeFileSync(file, '{ "budgets": ');
    expect(() => readConfigBudgets(dir)).toThrow(`${file}: is not valid JSON`);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'perf-report.config.json'), '{ "budgets": { "**": 10 } }');
    expect(readConfigBudgets(join(dir, 'sub'))?.[0]?.thresholdPercent).toBe(10);
  });
});
