import { formatDuration } from '../format.js';
import type { ChartSize } from './render-chart-svg.js';
import { chooseTimeAxis, type TimeAxis } from './time-axis.js';
import { CHART_COLORS } from './time-bar-chart.js';
import { textWidth } from './text-width.js';
import { zoneCategoryLabels, type ZoneChartData } from './zone-chart.js';
import { CHART_FONT_FAMILY } from '../standard-font.js';

/**
 * The zone chart of the PDF as SVG, drawn directly, as ECharts drew it before (numbered
 * categories, mean bars, the baseline bar beside, min–max whiskers with the mean written after
 * them, a linear or log time axis, the legend top right), with ECharts'
 * geometry (grid, band and bar proportions, "nice" linear ticks, crisp 1px lines). ECharts spent
 * ~25 ms and a ~18 KB SVG per chart on a chart of ten bars; this takes well under a
 * millisecond and writes a third of the markup for svg-to-pdfkit to parse.
 */

const FONT_SIZE = 9;
const AXIS_COLOR = '#54555a';
const GRID = { left: 10, right: 70, top: 24, bottom: 35.9 } as const;
const LABEL_MARGIN = 8;
const SPLIT_NUMBER = 5;
/** A bar's share of its category band: one bar alone, or each of a current/baseline pair (ECharts' widths for these options). */
const BAR_SHARE = { single: 0.69, pair: 0.338 } as const;
const BAR_MAX_WIDTH = 14;
const BAR_GAP = 0.15;
const WHISKER_CAP = 4;

function num(value: number): string {
  return String(Math.round(value * 1e4) / 1e4);
}

/** A 1px line on a pixel's middle, as zrender places it (so it is not smeared over two). */
function crisp(value: number): number {
  const doubled = Math.round(value * 2);
  return doubled % 2 === 0 ? (doubled + 1) / 2 : doubled / 2;
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

function text(content: string, x: number, y: number, anchor: 'start' | 'middle' | 'end', fill: string, dy?: number): string {
  const offset = dy === undefined ? '' : ` y="${num(dy)}"`;
  return `<text dominant-baseline="central" text-anchor="${anchor}" style="font-size:${FONT_SIZE}px;font-family:${CHART_FONT_FAMILY};" xml:space="preserve"${offset} transform="translate(${num(x)} ${num(y)})" fill="${fill}">${escapeText(content)}</text>`;
}

/*
 * Lines and bars of one colour go into one path of many subpaths: svg-to-pdfkit's cost is per
 * element (parsing, style look-ups, a graphics state each), and the PDF draws the same shapes.
 */
function segment(x1: number, y1: number, x2: number, y2: number): string {
  return `M${num(x1)} ${num(y1)}L${num(x2)} ${num(y2)}`;
}

function rectangle(x: number, y: number, width: number, height: number): string {
  return `M${num(x)} ${num(y)}l${num(width)} 0l0 ${num(height)}l${num(-width)} 0Z`;
}

function strokedPath(segments: readonly string[], stroke: string): string {
  return segments.length === 0 ? '' : `<path d="${segments.join('')}" fill="none" stroke="${stroke}"></path>`;
}

function filledPath(rectangles: readonly string[], fill: string): string {
  return rectangles.length === 0 ? '' : `<path d="${rectangles.join('')}" fill="${fill}"></path>`;
}

/** ECharts' rounding of a tick step to 1, 2, 3, 5 or 10 times a power of ten. */
function niceStep(value: number): number {
  const exponent = Math.floor(Math.log10(value));
  const power = 10 ** exponent;
  const fraction = value / power;
  const nice = fraction < 1.5 ? 1 : fraction < 2.5 ? 2 : fraction < 4 ? 3 : fraction < 7 ? 5 : 10;
  return nice * power;
}

interface Scale {
  ticks: number[];
  /** 0 at the axis start, 1 at its end. */
  position: (value: number) => number;
}

function timeScale(axis: TimeAxis, largest: number): Scale {
  if (axis.type === 'log') {
    const low = Math.log10(axis.min);
    const high = Math.log10(axis.max ?? axis.min * 10);
    const span = Math.max(high - low, 1);
    const step = Math.max(1, Math.round(niceStep(span / SPLIT_NUMBER)));
    const ticks: number[] = [];
    for (let exponent = low; exponent <= high + 1e-9; exponent += step) ticks.push(10 ** exponent);
    return { ticks, position: (value) => (value > 0 ? (Math.log10(value) - low) / span : 0) };
  }
  const top = largest > 0 ? largest : 1;
  const step = niceStep(top / SPLIT_NUMBER);
  const count = Math.ceil(top / step - 1e-9);
  const end = count * step;
  // Multiples of the step, rounded to its precision so 0.1 + 0.2 does not print as 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks = Array.from({ length: count + 1 }, (_, index) => Number((index * step).toFixed(digits)));
  return { ticks, position: (value) => value / end };
}

export function zoneChartSvg(data: ZoneChartData, size: ChartSize): string {
  const { zones, withBaseline } = data;
  const { width, height } = size;
  const current = zones.map((zone) => zone.current?.meanNs ?? 0);
  const baseline = zones.map((zone) => zone.baseline?.meanNs ?? null);
  const lows = zones.map((zone) => zone.current?.minNs ?? 0);
  const highs = zones.map((zone) => zone.current?.maxNs ?? 0);
  const axis = chooseTimeAxis([...current, ...zones.flatMap((_, index) => [lows[index]!, highs[index]!]), ...baseline.map((value) => value ?? 0)]);
  // A log axis cannot show 0; clamp so an empty zone still gets a (zero-length) bar.
  const floor = (value: number) => (axis.type === 'log' ? Math.max(value, axis.min) : value);
  const drawn = [...current, ...lows, ...highs, ...(withBaseline ? baseline.filter((value): value is number => value !== null) : [])].map(floor);
  const scale = timeScale(axis, drawn.reduce((max, value) => (Number.isFinite(value) ? Math.max(max, value) : max), 0));

  const categories = zoneCategoryLabels(zones);
  const left = GRID.left + categories.reduce((max, label) => Math.max(max, textWidth(label, FONT_SIZE)), 0) + LABEL_MARGIN;
  const right = width - GRID.right;
  const top = GRID.top;
  const bottom = height - GRID.bottom;
  const x = (value: number) => left + scale.position(value) * (right - left);
  const band = zones.length > 0 ? (bottom - top) / zones.length : bottom - top;
  const center = (index: number) => top + band * (index + 0.5);

  const parts: string[] = [
    `<svg width="${num(width)}" height="${num(height)}" xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 ${num(width)} ${num(height)}">`,
    `<rect width="${num(width)}" height="${num(height)}" x="0" y="0" fill="#FFFFFF"></rect>`,
  ];
  parts.push(strokedPath(scale.ticks.map((tick) => segment(crisp(x(tick)), top, crisp(x(tick)), bottom)), CHART_COLORS.grid));
  parts.push(strokedPath([segment(crisp(left), top, crisp(left), bottom)], AXIS_COLOR));
  const axisName = axis.type === 'log' ? 'mean per call (log scale)' : 'mean per call';
  parts.push(text(axisName, (left + right) / 2, bottom + 21.9, 'middle', CHART_COLORS.text, 4.5));
  categories.forEach((label, index) => parts.push(text(label, left - LABEL_MARGIN, center(index), 'end', CHART_COLORS.text)));
  for (const tick of scale.ticks) parts.push(text(formatDuration(tick, { trimZeros: true }), x(tick), bottom + LABEL_MARGIN, 'middle', AXIS_COLOR, 4.5));

  // Bars: the current one above the baseline one in each band, the pair centred on it.
  const barWidth = Math.min(BAR_MAX_WIDTH, band * (withBaseline ? BAR_SHARE.pair : BAR_SHARE.single));
  const gap = withBaseline ? barWidth * BAR_GAP : 0;
  const pairTop = (index: number) => center(index) - (withBaseline ? barWidth + gap / 2 : barWidth / 2);
  if (withBaseline) {
    const bars: string[] = [];
    baseline.forEach((value, index) => {
      if (value !== null) bars.push(rectangle(left, pairTop(index) + barWidth + gap, x(floor(value)) - left, barWidth));
    });
    parts.push(filledPath(bars, CHART_COLORS.baseline));
  }
  parts.push(filledPath(current.map((value, index) => rectangle(left, pairTop(index), x(floor(value)) - left, barWidth)), CHART_COLORS.current));

  // Whiskers on the current bar (the upper one of a pair), the mean written after the max end.
  const whiskers: string[] = [];
  current.forEach((mean, index) => {
    const y = center(index) + (withBaseline ? -band * 0.18 : 0);
    const low = x(floor(lows[index]!));
    const high = x(floor(highs[index]!));
    parts.push(text(formatDuration(mean), Math.max(low, high) + 5, y, 'start', CHART_COLORS.text));
    whiskers.push(segment(low, y, high, y), segment(low, y - WHISKER_CAP, low, y + WHISKER_CAP), segment(high, y - WHISKER_CAP, high, y + WHISKER_CAP));
  });
  parts.push(strokedPath(whiskers, CHART_COLORS.whisker));

  // The legend, right-aligned at the top: a rounded swatch, then its name.
  const legend: Array<[string, string]> = [['current mean', CHART_COLORS.current]];
  if (withBaseline) legend.push(['baseline mean', CHART_COLORS.baseline]);
  legend.push(['min – max', CHART_COLORS.whisker]);
  const itemWidths = legend.map(([name]) => 14 + 5 + textWidth(name, FONT_SIZE));
  let itemX = width - 15 - (itemWidths.reduce((sum, item) => sum + item, 0) + 10 * (legend.length - 1));
  legend.forEach(([name, color], index) => {
    parts.push(
      `<path d="M2 0L12 0A2 2 0 0 1 14 2L14 6A2 2 0 0 1 12 8L2 8A2 2 0 0 1 0 6L0 2A2 2 0 0 1 2 0Z" transform="translate(${num(itemX)} 5.5)" fill="${color}"></path>`,
      text(name, itemX + 19, 9.5, 'start', AXIS_COLOR),
    );
    itemX += itemWidths[index]! + 10;
  });
  parts.push('</svg>');
  return parts.filter((part) => part !== '').join('\n');
}
