import type { FunctionComparison } from '../../compare/comparison.js';
import { formatDuration } from '../format.js';
import { distinctLabels } from '../zone-names.js';
import { chooseTimeAxis } from './time-axis.js';
import { CHART_COLORS, timeBarChart } from './time-bar-chart.js';

/** What one function chart draws: a profile's top functions by inclusive time. */
export interface FunctionChartData {
  functions: ReadonlyArray<FunctionComparison>;
  /** Draw the baseline's inclusive time beside (the profile exists in the baseline run). */
  withBaseline: boolean;
}

/** Self time is part of the function's own bar, so it takes a lighter shade of the same colour. */
const SELF_COLOR = '#8FB0D3';
const CATEGORY_LABEL_LENGTH = 44;
const NS_PER_SECOND = 1e9;

export function functionChartHeight(functionCount: number, withBaseline: boolean): number {
  return Math.max(140, functionCount * (withBaseline ? 30 : 24) + 70);
}

/** Rows are numbered like the table below the chart; a shared name carries its file. */
function categoryLabels(entries: ReadonlyArray<FunctionComparison>): string[] {
  const named = entries.map((entry) => ({ name: entry.functionName, srcFile: entry.file, srcLine: entry.line }));
  return distinctLabels(named, CATEGORY_LABEL_LENGTH).map((label, index) => `${index + 1}. ${label}`);
}

/**
 * The ECharts option of a horizontal bar chart: inclusive and self time of the current run,
 * the baseline's inclusive time beside. Values are in ns so that the time axis and the labels
 * read like the zone charts' (`12.3 ms`).
 */
export function functionChartOption(data: FunctionChartData): Record<string, unknown> {
  const entries = data.functions;
  const inclusive = entries.map((entry) => (entry.current?.totalSeconds ?? 0) * NS_PER_SECOND);
  const self = entries.map((entry) => (entry.current?.selfSeconds ?? 0) * NS_PER_SECOND);
  const baseline = entries.map((entry) => (entry.baseline ? entry.baseline.totalSeconds * NS_PER_SECOND : null));
  const axis = chooseTimeAxis([...inclusive, ...self, ...baseline.map((value) => value ?? 0)]);
  // A log axis cannot show 0; clamp so that a function without self time still gets a (zero-length) bar.
  const floor = (value: number | null) => (value === null ? null : axis.type === 'log' ? Math.max(value, axis.min) : value);
  const valueLabel = (values: ReadonlyArray<number | null>) => ({
    show: true,
    position: 'right',
    fontSize: 8,
    color: CHART_COLORS.text,
    formatter: (params: { dataIndex: number }) => formatDuration(values[params.dataIndex] ?? Number.NaN),
  });

  const series: Array<Record<string, unknown>> = [
    {
      name: 'inclusive',
      type: 'bar',
      data: inclusive.map(floor),
      itemStyle: { color: CHART_COLORS.current },
      label: valueLabel(inclusive),
      barGap: '10%',
      barMaxWidth: 10,
    },
    {
      name: 'self',
      type: 'bar',
      data: self.map(floor),
      itemStyle: { color: SELF_COLOR },
      barMaxWidth: 10,
    },
  ];
  if (data.withBaseline) {
    series.push({
      name: 'baseline inclusive',
      type: 'bar',
      data: baseline.map(floor),
      itemStyle: { color: CHART_COLORS.baseline },
      label: valueLabel(baseline),
      barMaxWidth: 10,
    });
  }

  return timeBarChart({
    legend: data.withBaseline ? ['inclusive', 'self', 'baseline inclusive'] : ['inclusive', 'self'],
    categories: categoryLabels(entries),
    axis,
    axisName: 'time in the profile',
    series,
  });
}
