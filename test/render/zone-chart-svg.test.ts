import { describe, expect, it } from 'vitest';
import { zoneChartSvg } from '../../src/render/chart/zone-chart-svg.js';
import { comparedZone as compared } from '../support/tracy-fixture.js';

describe('zone chart SVG (the PDF draws it without ECharts)', () => {
  const zones = [compared('slow <App /> & co', 3_000_000, 2_000_000), compared('fast ^~', 35_000, 35_500), compared('only now', 500)];

  it('has numbered, escaped labels, mean values, readable log ticks and the legend', () => {
    const svg = zoneChartSvg({ zones, withBaseline: true }, { width: 700, height: 200 });
    expect(svg.startsWith('<svg width="700" height="200"')).toBe(true);
    expect(svg).toContain('1. slow &lt;App /&gt; &amp; co');
    expect(svg).toContain('2. fast ^~');
    expect(svg).toContain('3.00 ms');
    expect(svg).toContain('35.0 µs');
    expect(svg).toMatch(/>1 ms</);
    expect(svg).toContain('mean per call (log scale)');
    expect(svg).toContain('>baseline mean<');
    // Three current bars and two baseline bars (the third zone is new), each colour one path.
    const bars = (color: string) => (new RegExp(`<path d="([^"]*)" fill="${color}"></path>`).exec(svg)?.[1] ?? '').split('Z').filter(Boolean).length;
    expect(bars('#3B6EA5')).toBe(3);
    expect(bars('#B9C3CE')).toBe(2);
  });

  it('draws no baseline without one, and a linear axis of nice steps within two decades', () => {
    const svg = zoneChartSvg({ zones: [compared('a', 10_000), compared('b', 4_000)], withBaseline: false }, { width: 700, height: 140 });
    expect(svg).not.toContain('baseline mean');
    expect(svg).toContain('>mean per call<');
    // Whiskers reach 30 µs: steps of 10 µs from 0.
    for (const tick of ['0 ns', '10 µs', '20 µs', '30 µs']) expect(svg).toContain(`>${tick}<`);
    expect(svg).not.toMatch(/\d{5,}\.\d+ ns/);
  });

  it('keeps every text node in the form the font fallback rewrites', () => {
    const svg = zoneChartSvg({ zones, withBaseline: true }, { width: 700, height: 200 });
    const texts = svg.match(/<text\b[^>]*>[^<]*<\/text>/g) ?? [];
    expect(texts.length).toBeGreaterThan(8);
    for (const node of texts) expect(node).toContain('font-family:Helvetica, sans-serif;');
  });
});
