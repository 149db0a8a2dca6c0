import type { TaskLike } from './task-zones.js';

/**
 * `repeat` on Vitest: its own `repeats` (runs after the first, each an attempt with its
 * hooks, so each gets its zone), raised to at least `repeat - 1` where a test asks for fewer.
 */
export function repeatTasks(files: readonly TaskLike[], repeat: number): void {
  if (repeat <= 1) return;
  const visit = (task: TaskLike): void => {
    for (const child of task.tasks ?? []) {
      if (child.type === 'test') child.repeats = Math.max(child.repeats ?? 0, repeat - 1);
      else visit(child);
    }
  };
  files.forEach(visit);
}
