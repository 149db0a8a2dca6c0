import type { Content } from 'pdfmake/interfaces.js';
import type { ProfileComparison, ZoneComparison } from '../../compare/comparison.js';
import { zoneKinds, type ZoneKind } from '../../model/zone-kind.js';
import { formatCount, formatVerdictCounts } from '../format.js';
import { printable } from '../labels.js';
import { containerTable, otherChangesTable, topZoneTable } from './zone-table.js';
import { sourceFileIndex } from './source-file-index.js';
import { COLORS, PAGE } from './theme.js';

export const CHART_ZONES = 10;
export const TABLE_ZONES = 30;
export const TABLE_CONTAINERS = 30;
const MAX_OTHER_CHANGES = 20;
const MAX_INDEXED_FILES = 20;

/** The zones a profile section draws and lists: the current ones, in the run's order (total time). */
export function presentZones(profile: ProfileComparison): ZoneComparison[] {
  return profile.zones.filter((zone) => zone.current !== undefined);
}

/** A file or describe-block zone, with which of the two it is. */
export interface ContainerZone {
  zone: ZoneComparison;
  kind: Exclude<ZoneKind, 'leaf'>;
}

/**
 * The present zones split by kind: tests, hooks and user zones are ranked in the chart and the
 * top table; files and describe blocks, whose time is their contents' again, are listed apart.
 */
export function rankedZones(profile: ProfileComparison): { ranked: ZoneComparison[]; containers: ContainerZone[] } {
  // The chart and the section both rank a profile, and a layout retry builds the section again.
  let split = rankings.get(profile);
  if (!split || split.zones !== profile.zones) {
    split = { zones: profile.zones, ...splitByKind(profile) };
    rankings.set(profile, split);
  }
  return { ranked: split.ranked, containers: split.containers };
}

const rankings = new WeakMap<ProfileComparison, { zones: ProfileComparison['zones']; ranked: ZoneComparison[]; containers: ContainerZone[] }>();

function splitByKind(profile: ProfileComparison): { ranked: ZoneComparison[]; containers: ContainerZone[] } {
  const present = presentZones(profile);
  const kinds = zoneKinds(present);
  const ranked: ZoneComparison[] = [];
  const containers: ContainerZone[] = [];
  present.forEach((zone, index) => {
    const kind = kinds[index] ?? 'leaf';
    if (kind === 'leaf') ranked.push(zone);
    else containers.push({ zone, kind });
  });
  return { ranked, containers };
}

export function profileFacts(profile: ProfileComparison, present: ReadonlyArray<ZoneComparison>, compared: boolean): string {
  const calls = present.reduce((sum, zone) => sum + (zone.current?.counts ?? 0), 0);
  const facts = [`${formatCount(present.length)} zones`, `${formatCount(calls)} calls`];
  if (profile.presence === 'current-only' && compared) facts.push('new profile: not in the baseline');
  else if (profile.presence === 'both') facts.push(formatVerdictCounts(profile.counts));
  return facts.join(' · ');
}

export interface ProfileSectionInput {
  profile: ProfileComparison;
  /** The chart as SVG, or why it could not be drawn. */
  chart: { svg: string; height: number } | { error: string } | undefined;
  /** Whether the report compares with a baseline at all. */
  compared: boolean;
}

/** One profile: the chart of its top zones, the table of its top 30, other changes, and an index by file. */
export function profileSection(input: ProfileSectionInput): Content[] {
  const { profile, chart, compared } = input;
  const present = presentZones(profile);
  const { ranked, containers } = rankedZones(profile);
  const withDelta = compared && profile.presence === 'both';
  const content: Content[] = [
    { text: `Profile: ${printable(profile.name)}`, style: 'heading', pageBreak: 'before' },
    { text: profileFacts(profile, present, compared), style: 'subtitle' },
  ];
  if (present.length === 0) {
    content.push({ text: 'This profile has no zones in the current run.', style: 'note' });
  } else if (ranked.length === 0) {
    content.push({ text: 'This profile has no tests, hooks or user zones in the current run, only files and describe blocks.', style: 'note' });
  } else {
    content.push({
      text: `Top ${Math.min(CHART_ZONES, ranked.length)} tests, hooks and user zones by total time: mean time per call, whiskers from min to max`,
      style: 'subheading',
    });
    if (chart && 'svg' in chart) content.push({ svg: chart.svg, width: PAGE.contentWidth, margin: [0, 0, 0, 6] });
    else if (chart) content.push({ text: `The chart could not be drawn: ${printable(chart.error)}`, style: 'note', color: COLORS.regression });
    content.push(
      { text: `Top ${Math.min(TABLE_ZONES, ranked.length)} of ${formatCount(ranked.length)} tests, hooks and user zones by total time`, style: 'subheading' },
      topZoneTable(ranked.slice(0, TABLE_ZONES), withDelta),
    );
  }
  if (containers.length > 0) {
    const shownContainers = Math.min(TABLE_CONTAINERS, containers.length);
    content.push(
      {
        text: `Files and suites: ${shownContainers === containers.length ? '' : `top ${shownContainers} of `}${formatCount(containers.length)} by total time (each holds its tests' and hooks' time)`,
        style: 'subheading',
      },
      containerTable(containers.slice(0, TABLE_CONTAINERS), withDelta),
    );
  }
  if (withDelta) {
    const shown = new Set([...ranked.slice(0, TABLE_ZONES), ...containers.slice(0, TABLE_CONTAINERS).map((entry) => entry.zone)]);
    const others = profile.zones
      .filter((zone) => !shown.has(zone))
      .filter((zone) => zone.verdict === 'regression' || zone.verdict === 'improvement' || zone.verdict === 'new' || zone.verdict === 'removed');
    if (others.length > 0) {
      content.push(
        { text: `Changes outside the tables above (${formatCount(others.length)})`, style: 'subheading' },
        otherChangesTable(others.slice(0, MAX_OTHER_CHANGES)),
      );
      if (others.length > MAX_OTHER_CHANGES) {
        content.push({ text: `… and ${formatCount(others.length - MAX_OTHER_CHANGES)} more changed zones.`, style: 'note' });
      }
    }
  }
  if (present.length > TABLE_ZONES) {
    content.push(
      { text: 'Zones by source file', style: 'subheading' },
      ...sourceFileIndex(profile.zones, withDelta, MAX_INDEXED_FILES),
    );
  }
  return content;
}

/** What replaces a profile that could not be rendered, so the rest of the report is still written. */
export function failedProfileNote(name: string, reason: string): Content[] {
  return [
    { text: `Profile: ${printable(name)}`, style: 'heading', pageBreak: 'before' },
    { text: `This profile could not be rendered: ${printable(reason)}`, style: 'note', color: COLORS.regression },
  ];
}
