import { formatDuration } from '../format.js';
import type { TimeAxis } from './time-axis.js';
import { CHART_FONT_FAMILY } from '../standard-font.js';

export const CHART_COLORS = {
  current: '#3B6EA5',
  baseline: '#B9C3CE',
  whisker: '#1F2A36',
  text: '#222222',
  grid: '#E3E3E3',
} as const;

/**
 * The frame shared by the report's charts: numbered categories down the left, a time axis
 * (linear or log, in readable units) along the bottom, the legend top right. The zone and
 * function charts differ only in their series.
 */
export function timeBarChart(frame: {
  legend: string[];
  categories: string[];
  axis: TimeAxis;
  axisName: string;
  series: unknown[];
}): Record<string, unknown> {
  const { axis } = frame;
  return {
    animation: false,
    backgroundColor: '#FFFFFF',
    textStyle: { fontFamily: CHART_FONT_FAMILY, color: CHART_COLORS.text },
    legend: { top: 0, right: 10, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 9 }, data: frame.legend },
    // ECharts 6 keeps axis labels inside the chart by itself (grid.outerBounds); containLabel is deprecated.
    grid: { left: 10, right: 70, top: 24, bottom: 30 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: frame.categories,
      axisLabel: { fontSize: 9, color: CHART_COLORS.text },
      axisTick: { show: false },
    },
    xAxis: {
      type: axis.type,
      min: axis.min,
      ...(axis.max !== undefined ? { max: axis.max } : {}),
      ...(axis.type === 'log' ? { logBase: 10 } : {}),
      name: axis.type === 'log' ? `${frame.axisName} (log scale)` : frame.axisName,
      nameLocation: 'middle',
      nameGap: 20,
      nameTextStyle: { fontSize: 9 },
      axisLabel: { fontSize: 9, formatter: (value: number) => formatDuration(value, { trimZeros: true }) },
      splitLine: { lineStyle: { color: CHART_COLORS.grid } },
    },
    series: frame.series,
  };
}
