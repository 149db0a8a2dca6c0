import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../src/compare/compare-runs.js';
import { HistoryBuilder } from '../../../src/compare/history.js';
import { makeProfile } from '../../../src/model/profile.js';
import { embedData, scriptSafeJson } from '../../../src/render/html/embed.js';
import { pageScript } from '../../../src/render/html/page-script.js';
import { htmlReport } from '../../../src/render/html/write-html-report.js';
import { REPO } from '../../support/build.js';
import { makeRun, zone } from '../../support/tracy-fixture.js';

const HOSTILE = ['</script><img src=x onerror="window.__pwned=1">', '<!-- <script>', 'a & b > c', '\u2028 line \u2029 separators'];

function report(names: string[], plainDataLimit?: number) {
  const current = makeRun('1.0.0', [makeProfile('p </script>', 'p.csv', names.map((name, index) => zone(name, { srcLine: index + 1, srcFile: `src/${name}.ts` })))]);
  const comparison = compareRuns(current, undefined);
  const builder = new HistoryBuilder(comparison, [{ version: '1.0.0', timestamp: 1, rounds: 1 }]);
  builder.add(0, current);
  const history = builder.finish({ currentIndex: 0, omittedRuns: 0, limit: 30, unreadable: [] });
  return htmlReport({ projectName: 'app <b>', current, comparison, history, ...(plainDataLimit === undefined ? {} : { plainDataLimit }) });
}

describe('the data inside the page', () => {
  it('is JSON no name can break out of: no <, >, & or line separators in its text, the same values parsed back', () => {
    const value = { names: HOSTILE };
    const text = scriptSafeJson(JSON.stringify(value));
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('a page of hostile names holds exactly its three scripts, and none of the names as markup', () => {
    const { html, encoding } = report(HOSTILE);
    expect(encoding).toBe('json');
    expect(html.match(/<script\b/gi)).toHaveLength(3);
    expect(html.match(/<\/script/gi)).toHaveLength(3);
    // Outside our own two scripts (ECharts' code has "<img" in a string of its own).
    const markup = html.replace(/<script>.*?<\/script>/gs, '');
    expect(markup.includes('<img')).toBe(false);
    expect(markup.includes('<!--')).toBe(false);
    expect(html).toContain('<title>perf-report: app &#60;b&#62; 1.0.0</title>');
    const data = /<script type="application\/json" id="perf-report-data">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.parse(data).profiles[0].values.name.sort()).toEqual([...HOSTILE].sort());
  });

  it('large data is gzipped and base64-encoded, and inflates to the same JSON', () => {
    const plain = embedData({ names: HOSTILE });
    const packed = embedData({ names: HOSTILE }, 0);
    expect(packed.encoding).toBe('gzip-base64');
    const base64 = /<script type="application\/gzip\+base64" id="perf-report-data">([A-Za-z0-9+/=]+)<\/script>/.exec(packed.element)![1]!;
    expect(JSON.parse(gunzipSync(Buffer.from(base64, 'base64')).toString('utf8'))).toEqual(JSON.parse(/>(.*)</s.exec(plain.element)![1]!));
  });

  it('allows no network source and only its own two scripts, by hash', () => {
    const { html } = report(['a']);
    const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replaceAll('&#39;', "'");
    expect(policy).toContain("default-src 'none'");
    const scripts = [...html.matchAll(/<script>(.*?)<\/script>/gs)].map((match) => match[1]!);
    expect(scripts).toHaveLength(2);
    for (const script of scripts) expect(policy.includes(`'sha256-${createHash('sha256').update(script).digest('base64')}'`)).toBe(true);
    expect(scripts[1] === pageScript()).toBe(true);
  });
});

describe('the page script', () => {
  it('is made of the page files\' functions only: nothing at their top level that joining function texts would lose', () => {
    const dir = join(REPO, 'src/render/html/page');
    const offending: string[] = [];
    for (const file of readdirSync(dir)) {
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const declaration = /^(export\s+)?(const|let|var|class|enum|function)\b/.exec(line);
          if (declaration && !(declaration[1] && declaration[2] === 'function')) offending.push(`${file}:${index + 1}: ${line}`);
        });
    }
    expect(offending).toEqual([]);
  });

  it('parses as one script that starts the page', () => {
    const script = pageScript();
    expect(() => new Function(script)).not.toThrow();
    expect(script.trimEnd().endsWith('pageMain();\n})();')).toBe(true);
  });
});
