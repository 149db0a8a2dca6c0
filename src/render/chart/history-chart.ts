// The line chart of one entry over the stored runs; the bar charts' renderer draws it (render-chart-svg.ts
// registers ECharts' line chart, so that building this option loads no ECharts).
import type { HistoryPoint, HistoryRun } from '../../compare/history.js';
import { formatDuration } from '../format.js';
import { CHART_COLORS } from './time-bar-chart.js';
import { CHART_FONT_FAMILY } from '../standard-font.js';

export interface HistoryChartData {
  runs: ReadonlyArray<HistoryRun>;
  points: ReadonlyArray<HistoryPoint | undefined>;
  currentIndex: number;
  baselineIndex?: number;
}

export const HISTORY_COLORS = { current: '#C62828', baseline: '#6B6B6B', spread: '#7C9CC0' } as const;

/**
 * Location per run as a line (a gap where the entry did not run), the spread as a whisker at
 * each point, the current run a red diamond and the baseline a grey square: the HTML page's
 * history chart, small enough for a grid on paper.
 */
export function historyChartOption(data: HistoryChartData): Record<string, unknown> {
  const line = data.points.map((point, index) => {
    if (!point) return null;
    if (index === data.currentIndex) return { value: point.location, symbol: 'diamond', symbolSize: 9, itemStyle: { color: HISTORY_COLORS.current } };
    if (index === data.baselineIndex) return { value: point.location, symbol: 'rect', symbolSize: 7, itemStyle: { color: HISTORY_COLORS.baseline } };
    return point.location;
  });
  const whiskers = data.points.flatMap((point, index) => (point && Number.isFinite(point.low) && Number.isFinite(point.high) ? [[index, point.low, point.high]] : []));
  return {
    animation: false,
    backgroundColor: '#FFFFFF',
    textStyle: { fontFamily: CHART_FONT_FAMILY, color: CHART_COLORS.text },
    grid: { left: 8, right: 10, top: 10, bottom: 22 },
    xAxis: {
      type: 'category',
      data: data.runs.map((run) => run.version),
      axisLabel: { fontSize: 7, hideOverlap: true },
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: 'value',
      scale: true,
      axisLabel: { fontSize: 7, formatter: (value: number) => formatDuration(value, { trimZeros: true }) },
      splitLine: { lineStyle: { color: CHART_COLORS.grid } },
    },
    series: [
      {
        type: 'custom',
        data: whiskers,
        encode: { x: 0, y: [1, 2] },
        z: 1,
        renderItem: (_params: unknown, api: { value: (dimension: number) => number; coord: (point: [number, number]) => [number, number] }) => {
          const low = api.coord([api.value(0), api.value(1)]);
          const high = api.coord([api.value(0), api.value(2)]);
          const style = { stroke: HISTORY_COLORS.spread, lineWidth: 1 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
              { type: 'line', shape: { x1: low[0] - 3, y1: low[1], x2: low[0] + 3, y2: low[1] }, style },
              { type: 'line', shape: { x1: high[0] - 3, y1: high[1], x2: high[0] + 3, y2: high[1] }, style },
            ],
          };
        },
      },
      { type: 'line', data: line, connectNulls: false, symbolSize: 4, itemStyle: { color: CHART_COLORS.current }, lineStyle: { width: 1.2 }, z: 2 },
    ],
  };
}
