import { inputError } from '../errors.js';

/**
 * The one sanitizer for HDF5 group keys (version, platform, profile): `/` would nest groups
 * and `\` breaks Windows paths, so both become `_`. The raw strings live in the meta
 * attributes. The original tool had two sanitizers that disagreed on `+`, so the report
 * looked for `1.0.0_g7ba` while the store held `1.0.0+g7ba` and compared a dev version with
 * itself; `+` is a legal HDF5 name character and is kept.
 */
export function storageKey(raw: string, what = 'key'): string {
  const key = raw.trim().replace(/[/\\]/g, '_');
  if (key === '' || key === '.' || key === '..') {
    throw inputError(undefined, `${what} "${raw}" cannot name an HDF5 group`);
  }
  return key;
}

/**
 * A profile's stored name without a trailing `.<version>` of its run. The original tool
 * kept the version in the name (`bundle.0.0.11`), so a profile never met its own baseline;
 * its files are read with the version dropped, and ours never carry it.
 */
export function withoutVersionSuffix(stem: string, version: string | undefined): string {
  if (!version) return stem;
  for (const spelling of new Set([version, storageKey(version)])) {
    const suffix = `.${spelling}`;
    if (stem.endsWith(suffix) && stem.length > suffix.length) return stem.slice(0, -suffix.length);
  }
  return stem;
}
