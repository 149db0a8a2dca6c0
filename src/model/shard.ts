import { inputError } from '../errors.js';

/**
 * One shard of a suite split over several jobs (Vitest's and Jest's `--shard=<index>/<count>`):
 * a partial run, stored apart from whole runs until `perf-report merge` combines the shards.
 */
export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** `2/4` → { index: 2, count: 4 }; anything else is bad input naming where it came from. */
export function parseShard(text: string, where: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || !(count >= 1) || !(index >= 1) || index > count) {
    throw inputError(undefined, `${where} is "${text}"; expected a shard as <index>/<count>, e.g. 2/4 (1 ≤ index ≤ count)`);
  }
  return { index, count };
}

/** The form stored in meta and shown to users: `2/4`. */
export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/**
 * What a shard run's storage key carries after the platform: `#shard-2-of-4`. Shards of one
 * run stored into the same file keep apart (none replaces another), and no reader that looks
 * for the platform's own key (a baseline, the original tool's platform lookup) meets a
 * partial run.
 */
export function shardKeySuffix(shard: Shard): string {
  return `#shard-${shard.index}-of-${shard.count}`;
}

/** The shard a storage key names and the key without it, or undefined for a whole run's key. */
export function splitShardKey(platformKey: string): { baseKey: string; shard: Shard } | undefined {
  const match = /^(.*)#shard-(\d+)-of-(\d+)$/.exec(platformKey);
  if (!match) return undefined;
  return { baseKey: match[1] as string, shard: { index: Number(match[2]), count: Number(match[3]) } };
}
