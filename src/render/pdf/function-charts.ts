import type { FunctionProfileComparison } from '../../compare/comparison.js';
import { functionChartHeight, functionChartOption } from '../chart/function-chart.js';
import { renderEchartsSvg } from '../chart/echarts-loader.js';
import type { ProfileChart } from './profile-charts.js';
import { CHART_FUNCTIONS, presentFunctions } from './function-section.js';
import { PAGE } from './theme.js';

/** Draws one cpuprofile profile's chart of its top functions; a failure comes back as a reason, never thrown. */
export function drawFunctionChart(profile: FunctionProfileComparison, compared: boolean): ProfileChart {
  const functions = presentFunctions(profile).slice(0, CHART_FUNCTIONS);
  if (functions.length === 0) return undefined;
  const withBaseline = compared && profile.presence === 'both';
  const size = { width: PAGE.contentWidth, height: functionChartHeight(functions.length, withBaseline) };
  try {
    return { svg: renderEchartsSvg(functionChartOption({ functions, withBaseline }), size), height: size.height };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
