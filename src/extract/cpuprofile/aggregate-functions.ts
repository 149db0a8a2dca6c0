import { fileURLToPath } from 'node:url';
import { projectPathInside } from '../../fs/project-path.js';
import { byInclusiveTimeDescending, type FunctionStat } from '../../model/function-stat.js';
import type { CpuProfile, CpuProfileNode } from './cpuprofile-format.js';

export interface AggregateOptions {
  /** Script paths are shown relative to this directory. */
  projectRoot: string;
  /** Keep only functions whose file passes (globs over the shown path). */
  keepFile?: (file: string) => boolean;
}

/** V8's own pseudo-frames that are not functions of the program. */
const NOT_A_FUNCTION = new Set(['(root)', '(idle)']);

/**
 * Sample time per function: self time to the sampled (top) node's function, inclusive
 * time to every distinct function on its stack, once per sample even under recursion.
 * Time is summed per tree node first and spread along each node's path once, so the
 * cost grows with the tree, not with the number of samples.
 */
export function aggregateFunctions(profile: CpuProfile, options: AggregateOptions): FunctionStat[] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const microsByNode = new Map<number, number>();
  const samplesByNode = new Map<number, number>();
  const durations = sampleDurations(profile);
  profile.samples.forEach((id, index) => {
    microsByNode.set(id, (microsByNode.get(id) ?? 0) + (durations[index] ?? 0));
    samplesByNode.set(id, (samplesByNode.get(id) ?? 0) + 1);
  });

  const keyOf = functionKeys(profile.nodes, options.projectRoot);
  const stats = new Map<string, FunctionStat>();
  const statFor = (node: CpuProfileNode): FunctionStat => {
    const key = keyOf.get(node.id) as FunctionKey;
    let stat = stats.get(key.id);
    if (!stat) {
      stat = { functionName: key.functionName, file: key.file, line: key.line, samples: 0, selfSeconds: 0, totalSeconds: 0 };
      stats.set(key.id, stat);
    }
    return stat;
  };

  for (const [id, micros] of microsByNode) {
    const leaf = nodes.get(id) as CpuProfileNode;
    if (!NOT_A_FUNCTION.has(leaf.callFrame.functionName)) {
      const self = statFor(leaf);
      self.selfSeconds += micros / 1e6;
      self.samples += samplesByNode.get(id) ?? 0;
    }
    const counted = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const node = nodes.get(at) as CpuProfileNode;
      const key = keyOf.get(at) as FunctionKey;
      if (NOT_A_FUNCTION.has(node.callFrame.functionName) || counted.has(key.id)) continue;
      counted.add(key.id);
      statFor(node).totalSeconds += micros / 1e6;
    }
  }
  const keep = options.keepFile ?? (() => true);
  return [...stats.values()].filter((stat) => keep(stat.file)).sort(byInclusiveTimeDescending);
}

/**
 * Each sample lasts until the next one; V8 records the gap before each sample, so a
 * sample's length is the next sample's delta, and the last one runs to `endTime`.
 */
function sampleDurations(profile: CpuProfile): number[] {
  const { samples, timeDeltas } = profile;
  const durations = new Array<number>(samples.length);
  let at = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    at += timeDeltas[i] ?? 0;
    const next = i + 1 < samples.length ? (timeDeltas[i + 1] ?? 0) : profile.endTime - at;
    durations[i] = Math.max(0, next);
  }
  return durations;
}

interface FunctionKey {
  id: string;
  functionName: string;
  file: string;
  line: number;
}

function functionKeys(nodes: readonly CpuProfileNode[], projectRoot: string): Map<number, FunctionKey> {
  const keys = new Map<number, FunctionKey>();
  for (const node of nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = displayPath(url, projectRoot);
    const line = lineNumber >= 0 ? lineNumber + 1 : 0;
    const name = functionName || '(anonymous)';
    keys.set(node.id, { id: `${file}\u0000${line}\u0000${name}`, functionName: name, file, line });
  }
  return keys;
}

/** `file:///abs/x.ts` → `x.ts` relative to the project; `node:` URLs and others stay as they are. */
export function displayPath(url: string, projectRoot: string): string {
  if (!url) return '';
  let path = url;
  if (url.startsWith('file://')) {
    try {
      path = fileURLToPath(url);
    } catch {
      return url;
    }
  }
  return projectPathInside(path, projectRoot);
}
