import { inputError } from '../../errors.js';

/**
 * The Chrome DevTools `.cpuprofile` JSON (what `node --cpu-prof` and the inspector's
 * Profiler.stop write): a call tree of nodes, and the sampled node ids with the
 * microseconds between samples.
 */
export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; scriptId: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  /** Microseconds, V8's monotonic clock. */
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Checks the structure the extractor relies on; names the first thing that is off. */
export function validateCpuProfile(value: unknown, file: string): CpuProfile {
  const fail = (what: string): never => {
    throw inputError(file, `is not a V8 CPU profile: ${what}`);
  };
  if (typeof value !== 'object' || value === null) return fail('the JSON is not an object');
  const profile = value as Partial<CpuProfile>;
  if (!Array.isArray(profile.nodes) || profile.nodes.length === 0) return fail('no "nodes" array');
  if (!finite(profile.startTime) || !finite(profile.endTime)) return fail('no numeric "startTime"/"endTime"');
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  if (!Array.isArray(samples) || !Array.isArray(deltas)) return fail('"samples" and "timeDeltas" must be arrays');
  if (samples.length !== deltas.length) return fail(`${samples.length} samples but ${deltas.length} timeDeltas`);
  // A text or null delta would make every later sample time NaN, and NaN would be stored.
  // Negative deltas are real (V8 records samples slightly out of order) and count as 0.
  const badDelta = deltas.findIndex((delta) => !finite(delta));
  if (badDelta !== -1) return fail(`timeDeltas[${badDelta}] is ${JSON.stringify(deltas[badDelta])}, not a number of microseconds`);
  const ids = new Set<number>();
  for (const [index, node] of profile.nodes.entries()) {
    if (typeof node?.id !== 'number' || typeof node.callFrame !== 'object' || node.callFrame === null) {
      return fail(`node ${index} has no numeric "id" or no "callFrame"`);
    }
    ids.add(node.id);
  }
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) if (!ids.has(child)) return fail(`node ${node.id} names a missing child ${child}`);
  }
  for (const id of samples) if (!ids.has(id)) return fail(`a sample names the missing node ${id}`);
  return { nodes: profile.nodes, startTime: profile.startTime, endTime: profile.endTime, samples, timeDeltas: deltas };
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
