import type { ZoneComparison } from '../../compare/comparison.js';
import { formatDuration } from '../format.js';
import { distinctLabels } from '../zone-names.js';
import { chooseTimeAxis } from './time-axis.js';
import { CHART_COLORS, timeBarChart } from './time-bar-chart.js';

/** What one chart draws: the profile's top zones by total time, current and baseline side by side. */
export interface ZoneChartData {
  zones: ReadonlyArray<ZoneComparison>;
  /** Draw baseline bars (the profile exists in the baseline run). */
  withBaseline: boolean;
}


const CATEGORY_LABEL_LENGTH = 44;

/** Rows are numbered like the table below the chart, so a bar is found in the table at a glance; a shared name carries its file. */
export function zoneCategoryLabels(zones: ReadonlyArray<ZoneComparison>): string[] {
  return distinctLabels(zones, CATEGORY_LABEL_LENGTH).map((label, index) => `${index + 1}. ${label}`);
}

export function chartHeight(zoneCount: number, withBaseline: boolean): number {
  return Math.max(140, zoneCount * (withBaseline ? 25 : 19) + 70);
}

/**
 * The ECharts option of a horizontal bar chart: mean per call with min–max whiskers (ECharts
 * has no error-bar series, so a custom series draws them), the baseline mean beside each bar.
 */
export function zoneChartOption(data: ZoneChartData): Record<string, unknown> {
  const zones = data.zones;
  const current = zones.map((zone) => zone.current?.meanNs ?? 0);
  const baseline = zones.map((zone) => zone.baseline?.meanNs ?? null);
  const whiskers = zones.map((zone, index) => [index, zone.current?.minNs ?? 0, zone.current?.maxNs ?? 0]);
  const axis = chooseTimeAxis([
    ...current,
    ...zones.flatMap((zone) => [zone.current?.minNs ?? 0, zone.current?.maxNs ?? 0]),
    ...baseline.map((value) => value ?? 0),
  ]);
  // A log axis cannot show 0; clamp so an empty zone still gets a (zero-length) bar.
  const floor = (value: number | null) => (value === null ? null : axis.type === 'log' ? Math.max(value, axis.min) : value);

  const series: Array<Record<string, unknown>> = [
    {
      name: 'current mean',
      type: 'bar',
      data: current.map(floor),
      itemStyle: { color: CHART_COLORS.current },
      barGap: '15%',
      barMaxWidth: 14,
      z: 2,
    },
  ];
  if (data.withBaseline) {
    series.push({
      name: 'baseline mean',
      type: 'bar',
      data: baseline.map(floor),
      itemStyle: { color: CHART_COLORS.baseline },
      barMaxWidth: 14,
      z: 1,
    });
  }
  series.push({
    name: 'min – max',
    type: 'custom',
    data: whiskers.map(([index, min, max]) => [index, floor(min!), floor(max!), current[index!]]),
    itemStyle: { color: CHART_COLORS.whisker },
    encode: { y: 0, x: [1, 2] },
    z: 3,
    renderItem: (
      _params: unknown,
      api: {
        value: (dimension: number) => number;
        coord: (point: [number, number]) => [number, number];
        size: (point: [number, number]) => [number, number];
      },
    ) => {
      const category = api.value(0);
      const low = api.coord([api.value(1), category]);
      const high = api.coord([api.value(2), category]);
      // The whisker sits on the current bar, which is the upper one of a pair when baselines are drawn.
      const bandHeight = api.size([0, 1])[1];
      const offset = data.withBaseline ? -bandHeight * 0.18 : 0;
      const y = low[1] + offset;
      const cap = 4;
      const style = { stroke: CHART_COLORS.whisker, lineWidth: 1 };
      // The mean is written after the max whisker, where it cannot collide with it.
      const meanLabel = {
        type: 'text',
        x: Math.max(high[0], low[0]) + 5,
        y,
        style: {
          text: formatDuration(api.value(3)),
          fill: CHART_COLORS.text,
          fontSize: 9,
          verticalAlign: 'middle',
          fontFamily: 'Roboto, sans-serif',
        },
      };
      return {
        type: 'group',
        children: [
          meanLabel,
          { type: 'line', shape: { x1: low[0], y1: y, x2: high[0], y2: y }, style },
          { type: 'line', shape: { x1: low[0], y1: y - cap, x2: low[0], y2: y + cap }, style },
          { type: 'line', shape: { x1: high[0], y1: y - cap, x2: high[0], y2: y + cap }, style },
        ],
      };
    },
  });

  return timeBarChart({
    legend: data.withBaseline ? ['current mean', 'baseline mean', 'min – max'] : ['current mean', 'min – max'],
    categories: zoneCategoryLabels(zones),
    axis,
    axisName: 'mean per call',
    series,
  });
}
