import type { ChartSize } from './render-chart-svg.js';
import type { ZoneChartData } from './zone-chart.js';
import { zoneChartSvg } from './zone-chart-svg.js';

/** One chart to draw, as plain data so that it can cross to a worker thread. */
export interface ChartJob {
  data: ZoneChartData;
  size: ChartSize;
}

/** An SVG string, or why the chart could not be drawn. */
export type ChartResult = { svg: string } | { error: string };

export function drawChart(job: ChartJob): ChartResult {
  try {
    return { svg: zoneChartSvg(job.data, job.size) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
