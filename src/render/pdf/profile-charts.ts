import type { ProfileComparison } from '../../compare/comparison.js';
import { drawChart, type ChartJob } from '../chart/chart-job.js';
import { chartHeight } from '../chart/zone-chart.js';
import { CHART_ZONES, rankedZones } from './profile-section.js';
import { PAGE } from './theme.js';

export type ProfileChart = { svg: string; height: number } | { error: string } | undefined;

/** The chart a profile section shows, as plain data; none for a profile without zones. */
export function profileChartJob(profile: ProfileComparison, compared: boolean): ChartJob | undefined {
  // Tests, hooks and user zones only: a file's zone holds its tests' time again and would top every chart.
  const zones = rankedZones(profile).ranked.slice(0, CHART_ZONES);
  if (zones.length === 0) return undefined;
  const withBaseline = compared && profile.presence === 'both';
  return { data: { zones, withBaseline }, size: { width: PAGE.contentWidth, height: chartHeight(zones.length, withBaseline) } };
}

/**
 * Draws one profile's chart; a failure comes back as a reason, never thrown. Charts are drawn
 * on the main thread: 50 take ~0.3 s, and a worker pool measured slower on this 2-core machine
 * (a worker spends ~150 ms loading ECharts before its first chart).
 */
export function drawProfileChart(profile: ProfileComparison, compared: boolean): ProfileChart {
  let job: ChartJob | undefined;
  try {
    job = profileChartJob(profile, compared);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (!job) return undefined;
  const result = drawChart(job);
  return 'svg' in result ? { svg: result.svg, height: job.size.height } : result;
}
