import type { RunMeta } from '../model/run.js';
import type { H5Group } from './hdf5-library.js';

/**
 * RunMeta ↔ the attributes of `/<version>/<platform>/meta`. The names are the original tool's
 * (`bundle_version`, `node` = host name, …) so its readers keep working; strings are
 * variable-length UTF-8 and `timestamp` is float64 seconds, as the original tool wrote them.
 */
const STRING_ATTRIBUTES = {
  machineId: 'machine_id',
  platformId: 'platform_id',
  version: 'bundle_version',
  system: 'system',
  arch: 'arch',
  host: 'node',
  release: 'release',
  processor: 'processor',
  nodeVersion: 'node_version',
  backend: 'backend',
  packageName: 'package_name',
  gitCommit: 'git_commit',
  gitBranch: 'git_branch',
  shard: 'shard',
  coverage: 'coverage',
} as const satisfies Partial<Record<keyof RunMeta, string>>;

/** Whole numbers, stored as int64. */
const INTEGER_ATTRIBUTES = {
  rounds: 'rounds',
} as const satisfies Partial<Record<keyof RunMeta, string>>;

/** Yes/no facts, stored as int64 0 or 1 (HDF5 has no boolean type; h5py reads a number). */
const BOOLEAN_ATTRIBUTES = {
  gitDirty: 'git_dirty',
} as const satisfies Partial<Record<keyof RunMeta, string>>;

const KNOWN_ATTRIBUTES = new Set<string>([
  ...Object.values(STRING_ATTRIBUTES),
  ...Object.values(INTEGER_ATTRIBUTES),
  ...Object.values(BOOLEAN_ATTRIBUTES),
  'timestamp',
]);

export function writeMetaAttributes(group: H5Group, meta: RunMeta): void {
  for (const [field, attribute] of Object.entries(STRING_ATTRIBUTES)) {
    const value = meta[field as keyof typeof STRING_ATTRIBUTES];
    if (value !== undefined) group.create_attribute(attribute, value);
  }
  group.create_attribute('timestamp', meta.timestamp, null, '<d');
  for (const [field, attribute] of Object.entries(INTEGER_ATTRIBUTES)) {
    const value = meta[field as keyof typeof INTEGER_ATTRIBUTES];
    // h5wasm writes a scalar int64 from a BigInt, though its types only name arrays.
    if (value !== undefined) group.create_attribute(attribute, BigInt(value) as never, null, '<q');
  }
  for (const [field, attribute] of Object.entries(BOOLEAN_ATTRIBUTES)) {
    const value = meta[field as keyof typeof BOOLEAN_ATTRIBUTES];
    if (value !== undefined) group.create_attribute(attribute, BigInt(value ? 1 : 0) as never, null, '<q');
  }
  for (const [attribute, value] of Object.entries(meta.extra)) {
    if (KNOWN_ATTRIBUTES.has(attribute)) continue;
    if (typeof value === 'number') group.create_attribute(attribute, value, null, '<d');
    else group.create_attribute(attribute, value);
  }
}

export function readMetaAttributes(group: H5Group, fallback: { version: string; platformId: string }): RunMeta {
  const values: Record<string, string | number> = {};
  for (const [name, attribute] of Object.entries(group.attrs)) values[name] = plainValue(attribute.value);
  const text = (attribute: string, otherwise = ''): string => {
    const value = values[attribute];
    return value === undefined ? otherwise : String(value);
  };
  const extra: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values)) if (!KNOWN_ATTRIBUTES.has(name)) extra[name] = value;
  const timestamp = Number(values.timestamp);
  return {
    machineId: text('machine_id'),
    platformId: text('platform_id', fallback.platformId),
    version: text('bundle_version', fallback.version),
    timestamp: Number.isFinite(timestamp) ? timestamp : 0,
    system: text('system'),
    arch: text('arch'),
    host: text('node'),
    release: text('release'),
    processor: text('processor'),
    nodeVersion: text('node_version'),
    // Files written by the original tool carry no backend; they hold Tracy zone statistics.
    backend: text('backend', 'tracy'),
    packageName: text('package_name'),
    ...(values.git_commit !== undefined ? { gitCommit: text('git_commit') } : {}),
    ...(values.git_branch !== undefined ? { gitBranch: text('git_branch') } : {}),
    ...(typeof values.git_dirty === 'number' ? { gitDirty: values.git_dirty !== 0 } : {}),
    ...(values.shard !== undefined ? { shard: text('shard') } : {}),
    ...(values.coverage !== undefined ? { coverage: text('coverage') } : {}),
    ...(typeof values.rounds === 'number' ? { rounds: values.rounds } : {}),
    extra,
  };
}

function plainValue(value: unknown): string | number {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (ArrayBuffer.isView(value) || Array.isArray(value)) return JSON.stringify(Array.from(value as ArrayLike<unknown>, (v) => (typeof v === 'bigint' ? Number(v) : v)));
  return String(value);
}
