import { inputError } from '../errors.js';

/**
 * The one sanitizer for HDF5 group keys (version, platform): `/` would nest groups and
 * `\` breaks Windows paths, so both become `_`. The raw strings live in the meta
 * attributes. The seed had two sanitizers that disagreed on `+` and so compared a dev
 * version with itself (seed study 1.5); `+` is a legal HDF5 name character and is kept.
 */
export function storageKey(raw: string, what = 'key'): string {
  const key = raw.trim().replace(/[/\\]/g, '_');
  if (key === '' || key === '.' || key === '..') {
    throw inputError(undefined, `${what} "${raw}" cannot name an HDF5 group`);
  }
  return key;
}
