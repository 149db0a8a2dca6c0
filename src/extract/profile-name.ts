import { basename, extname } from 'node:path';
import { storageKey } from '../store/keys.js';

/**
 * The stored name of a profile: the file stem, without a trailing `.<version>` of the
 * run. The seed kept the version (`bundle.0.0.11`), so a profile never met its own
 * baseline (seed study 2.7); `app.1.2.0.csv` stored under 1.2.0 is profile `app`.
 */
export function profileNameFor(file: string, version: string | undefined): string {
  return withoutVersionSuffix(basename(file, extname(file)), version);
}

export function withoutVersionSuffix(stem: string, version: string | undefined): string {
  if (!version) return stem;
  for (const spelling of new Set([version, storageKey(version)])) {
    const suffix = `.${spelling}`;
    if (stem.endsWith(suffix) && stem.length > suffix.length) return stem.slice(0, -suffix.length);
  }
  return stem;
}
