import type { ChartSize } from './render-chart-svg.js';

type RenderChartSvg = (option: Record<string, unknown>, size: ChartSize) => string;

let render: RenderChartSvg | undefined;

/**
 * Loads ECharts (~130 ms of module loading) for the charts that still use it: function charts
 * and the history page. A zone report without a history draws its charts itself
 * (zone-chart-svg.ts) and never pays for it. Idempotent.
 */
export async function loadEcharts(): Promise<void> {
  render ??= (await import('./render-chart-svg.js')).renderChartSvg;
}

/** Renders with ECharts; `loadEcharts()` must have resolved first (the PDF writer awaits it before composing). */
export function renderEchartsSvg(option: Record<string, unknown>, size: ChartSize): string {
  if (!render) throw new Error('ECharts is not loaded (loadEcharts() was not awaited)');
  return render(option, size);
}
