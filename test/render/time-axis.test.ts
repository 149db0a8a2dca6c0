import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../src/render/chart/render-chart-svg.js';
import { chooseTimeAxis } from '../../src/render/chart/time-axis.js';
import { zoneChartOption } from '../../src/render/chart/zone-chart.js';
import { comparedZone as compared } from '../support/tracy-fixture.js';

describe('chooseTimeAxis', () => {
  it('stays linear within two decades and goes logarithmic beyond', () => {
    expect(chooseTimeAxis([1_000, 50_000, 100_000])).toEqual({ type: 'value', min: 0 });
    expect(chooseTimeAxis([900, 150_000])).toEqual({ type: 'log', min: 100, max: 1_000_000 });
    expect(chooseTimeAxis([1_000, 100_000])).toEqual({ type: 'value', min: 0 });
    expect(chooseTimeAxis([])).toEqual({ type: 'value', min: 0 });
    expect(chooseTimeAxis([0, Number.NaN, 5])).toEqual({ type: 'value', min: 0 });
  });
});

describe('zone chart', () => {
  const zones = [compared('slow <App /> & co', 3_000_000, 2_000_000), compared('fast ^~', 35_000, 35_500), compared('only now', 500)];

  it('draws baseline bars only when asked, and a log axis for a wide spread', () => {
    const withBaseline = zoneChartOption({ zones, withBaseline: true }) as { series: Array<{ name: string; data: unknown[] }>; xAxis: { type: string } };
    expect(withBaseline.series.map((series) => series.name)).toEqual(['current mean', 'baseline mean', 'min – max']);
    expect(withBaseline.series[1]!.data).toEqual([2_000_000, 35_500, null]);
    expect(withBaseline.xAxis.type).toBe('log');
    const alone = zoneChartOption({ zones, withBaseline: false }) as { series: Array<{ name: string }> };
    expect(alone.series.map((series) => series.name)).toEqual(['current mean', 'min – max']);
  });

  it('renders an SVG with numbered, escaped labels, mean values and readable tick units', () => {
    const svg = renderChartSvg(zoneChartOption({ zones, withBaseline: true }), { width: 700, height: 200 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('1. slow &lt;App /&gt; &amp; co');
    expect(svg).toContain('2. fast ^~');
    expect(svg).toContain('3.00 ms');
    expect(svg).toContain('35.0 µs');
    expect(svg).toMatch(/>1 ms</);
    expect(svg).toContain('mean per call (log scale)');
  });
});
