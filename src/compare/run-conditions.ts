import type { RunMeta } from '../model/run.js';

/** A condition of the measurement that a run and its baseline did not share. */
export interface ConditionChange {
  what: 'CPU' | 'Node.js' | 'backend' | 'coverage';
  baseline: string;
  current: string;
}

const CONDITIONS: ReadonlyArray<{ what: ConditionChange['what']; of: (meta: RunMeta) => string | undefined }> = [
  { what: 'CPU', of: (meta) => meta.processor },
  { what: 'Node.js', of: (meta) => meta.nodeVersion },
  { what: 'backend', of: (meta) => meta.backend },
  { what: 'coverage', of: (meta) => meta.coverage },
];

/**
 * What differed between the baseline's measurement and this run's beyond the code: another CPU
 * model (CI runners change hardware between jobs), another Node.js release, another backend,
 * code coverage on one side only. A change a comparison confirms may then be theirs. A fact one
 * side did not record (an empty or absent value) is not a difference.
 */
export function conditionChanges(baseline: RunMeta, current: RunMeta): ConditionChange[] {
  const changes: ConditionChange[] = [];
  for (const { what, of } of CONDITIONS) {
    const before = of(baseline);
    const now = of(current);
    if (before && now && before !== now) changes.push({ what, baseline: before, current: now });
  }
  return changes;
}
