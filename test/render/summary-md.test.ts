import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { formatDeltaPercent, formatPValue, formatVerdictCounts } from '../../src/render/format.js';
import { summaryJson } from '../../src/render/summary-json.js';
import { formatMarkdownSummary } from '../../src/render/summary-md.js';
import { formatTextSummary } from '../../src/render/text-summary.js';
import { applyGate } from '../../src/pipeline/gate.js';
import { makeRun, fixtureRun, roundsFixtureRun, zone } from '../support/tracy-fixture.js';
import { makeProfile } from '../../src/model/profile.js';

const recorded = compareRuns(roundsFixtureRun('1.1.0'), roundsFixtureRun('1.0.0'));

describe('formatMarkdownSummary', () => {
  it('shows the gate, the counts, the rule and noise sentences of the terminal, and the changes as tables', () => {
    const gate = applyGate(recorded, { failOnRegression: true })!;
    const markdown = formatMarkdownSummary(recorded, { projectName: 'app', gate });
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('### perf-report: app 1.1.0 vs 1.0.0');
    expect(lines[2]).toMatch(/^\*\*Gate failed\*\* \(exit 3\): 5 confirmed regressions over budget among 89 judged zones: /);
    expect(lines[4]).toBe(`**${formatVerdictCounts(recorded.counts)}**`);
    // The same sentences as the terminal's, Markdown's characters escaped.
    const terminal = formatTextSummary(recorded).split('\n').map((line) => line.trim());
    const rule = terminal.find((line) => line.startsWith('rule: '))!.slice('rule: '.length);
    expect(lines[6]).toBe(`Rule: ${rule.replace(/\|/g, '\\|')}.`);
    const noise = terminal.find((line) => line.startsWith('noise: '))!;
    expect(lines[8]).toBe(`N${noise.slice(1)}.`);
    expect(markdown).toContain('#### Worst regressions (5 of 5)\n\n| Δ | zone | profile | file:line | median per call | q | detectable |\n|--:|---|---|---|---|--:|--:|\n');
    expect(markdown).toContain('| +228% | sort numbers | suite | `src/work.js:9` | 55.7 µs → 196 µs | < 0.001 | 50% |');
    expect(markdown).toContain('#### Best improvements (1 of 1)');
    expect(markdown).not.toMatch(/\]\(|https?:/);
  });

  it('cautions, right under the counts, when the baseline was measured with another backend, as the JSON lists it', () => {
    const across = compareRuns(roundsFixtureRun('1.1.0', { backend: 'embedded' }), roundsFixtureRun('1.0.0'));
    const lines = formatMarkdownSummary(across).split('\n');
    expect(lines[2]).toBe(`**${formatVerdictCounts(across.counts)}**`);
    expect(lines[4]).toBe('⚠️ Measured under other conditions than the baseline (backend tracy → embedded): a change may come from them rather than from the code.');
    expect(summaryJson(across).conditions).toEqual([{ what: 'backend', baseline: 'tracy', current: 'embedded' }]);
    expect(summaryJson(recorded).conditions).toEqual([]);
  });

  it('is the same data as the JSON summary: every row is a zone of the JSON with its verdict, Δ and q', () => {
    const json = summaryJson(recorded);
    const markdown = formatMarkdownSummary(recorded);
    const rows = markdown.split('\n').filter((line) => /^\| [+-]/.test(line)).map((line) => line.split(' | '));
    expect(rows).toHaveLength(recorded.topRegressions.length + recorded.topImprovements.length);
    for (const row of rows) {
      const name = (row[1] as string).replace(/\\(.)/g, '$1');
      const zoneJson = json.zones.find((entry) => entry.name === name && (entry.verdict === 'regression' || entry.verdict === 'improvement'))!;
      expect(row[0]).toBe(`| ${formatDeltaPercent(zoneJson.deltaPercent ?? undefined)}`);
      expect(row[5]).toBe(formatPValue(zoneJson.qValue ?? undefined));
    }
    // The gate's decision is in both.
    const gate = applyGate(recorded, { failOnRegression: true })!;
    expect(summaryJson(recorded, gate).gate).toMatchObject({ outcome: 'failed', exitCode: 3, line: gate.line, checked: 89 });
    expect(summaryJson(recorded).gate).toBeNull();
  });

  it('says when nothing was compared, and why when it is known', () => {
    const alone = compareRuns(fixtureRun('1.0.0'), undefined);
    expect(formatMarkdownSummary(alone, { baselineNote: "no stored run is of a commit at or before main's merge-base with HEAD (abc1234)" })).toBe(
      "### perf-report: 1.0.0\n\nNo baseline: nothing compared (no stored run is of a commit at or before main's merge-base with HEAD (abc1234)).\n\n",
    );
    const oneRound = formatMarkdownSummary(compareRuns(fixtureRun('1.1.0'), fixtureRun('1.0.0')));
    expect(oneRound).toContain('Not judged: 1 vs 1 round cannot confirm a change; record 5 or more rounds on each side, 10 for changes of 20%');
    expect(oneRound).not.toContain('####');
  });

  it('shows zone names literally: no formatting, no link, no broken table', () => {
    const name = 'a|b <img src=x> [click](javascript:x) *bold* `code`';
    const rounds = (median: number) => Array.from({ length: 10 }, (_, i) => ({ round: i + 1, counts: 10, totalNs: median * 10, meanNs: median, minNs: median, maxNs: median, stdNs: 0, p10Ns: median, p25Ns: median, medianNs: median + i, p75Ns: median, p90Ns: median }));
    const run = (version: string, median: number) => makeRun(version, [makeProfile('p|q', '/x.csv', [zone(name, { srcFile: 'src/`odd`|file.ts', srcLine: 3, rounds: rounds(median) })])]);
    const markdown = formatMarkdownSummary(compareRuns(run('2.0.0', 5000), run('1.0.0', 1000)));
    const row = markdown.split('\n').find((line) => line.startsWith('| +'))!;
    expect(row).toContain('| a\\|b \\<img src=x\\> \\[click\\](javascript:x) \\*bold\\* \\`code\\` | p\\|q | `src/\'odd\'\\|file.ts:3` |');
    // Seven cells, as the header has.
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(7);
  });
});
