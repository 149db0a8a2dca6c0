import { rm } from 'node:fs/promises';
import { fileInside } from '../fs/inside-directory.js';
import { saveEmbeddedCsv, saveRoundsCsv } from '../collect/embedded-csv.js';
import { mergeRounds, type RecordedRound } from '../collect/round-merge.js';
import type { ZoneStat } from '../model/zone-stat.js';
import { fileSafeName, runFileName } from '../pipeline/output-names.js';

/** The zones one Vitest project recorded in a round ('' names the project of a run without projects). */
export interface ProjectZones {
  project: string;
  zones: ZoneStat[];
}

/** One round as this process (or a round process) recorded it. */
export interface RoundOutcome {
  round: number;
  /** Wall span of the round's zones, in ns. */
  spanNs: number;
  projects: ProjectZones[];
  /** Test files whose worker never confirmed its last batch (crashed or killed). */
  missingFiles: string[];
}

/** How many zones a round recorded, over all its projects. */
export function zoneCount(outcome: RoundOutcome): number {
  return outcome.projects.reduce((sum, entry) => sum + entry.zones.length, 0);
}

/** What the rounds of a run were saved as: the input for `generate`, and every zone pooled. */
export interface SavedRounds {
  /** The run's CSV, or the directory of its projects' CSVs. */
  input: string;
  zones: ZoneStat[];
  /** More than one Vitest project: one profile each. */
  perProject: boolean;
}

/** The Vitest projects that recorded zones in any of `rounds`, in name order. */
export function projectsOf(rounds: readonly RoundOutcome[]): string[] {
  return [...new Set(rounds.flatMap((round) => round.projects.map((entry) => entry.project)))].sort();
}

/** The rounds of one project (every project's zones when `project` is undefined), as the merge takes them. */
export function roundsOf(rounds: readonly RoundOutcome[], project?: string): RecordedRound[] {
  return rounds.map((round) => ({
    round: round.round,
    spanNs: round.spanNs,
    zones: round.projects.filter((entry) => project === undefined || entry.project === project).flatMap((entry) => entry.zones),
  }));
}

/**
 * Writes the pooled statistics of a run's rounds, each beside its rounds file: one run of one
 * project as `<out>/<name>.<version>.csv`; several Vitest projects as one profile per project
 * in `<out>/<name>.<version>.projects/<project>.csv`, a directory of this run alone (emptied
 * first, so a project renamed since the last run of this version leaves nothing behind).
 */
export async function saveRounds(outDir: string, name: string, version: string, rounds: readonly RoundOutcome[]): Promise<SavedRounds> {
  const projects = projectsOf(rounds);
  if (projects.length <= 1) {
    const input = fileInside(outDir, runFileName(name, version, 'csv'), "the run's CSV");
    const { zones } = mergeRounds(roundsOf(rounds));
    await saveEmbeddedCsv(input, zones);
    await saveRoundsCsv(input, zones);
    return { input, zones, perProject: false };
  }
  const input = fileInside(outDir, runFileName(name, version, 'projects'), "the run's directory of project CSVs");
  await rm(input, { recursive: true, force: true });
  const zones: ZoneStat[] = [];
  for (const project of projects) {
    const merged = mergeRounds(roundsOf(rounds, project)).zones;
    zones.push(...merged);
    const csvPath = fileInside(input, `${fileSafeName(project || name)}.csv`, 'a project\'s CSV');
    await saveEmbeddedCsv(csvPath, merged);
    await saveRoundsCsv(csvPath, merged);
  }
  return { input, zones, perProject: true };
}
