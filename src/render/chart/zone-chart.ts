import type { ZoneComparison } from '../../compare/comparison.js';
import { distinctLabels } from '../zone-names.js';

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
