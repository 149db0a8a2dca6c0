import { basename, extname } from 'node:path';
import { withoutVersionSuffix } from '../model/keys.js';

/** The stored name of a profile: the file stem without the run's version (`app.1.2.0.csv` → `app`). */
export function profileNameFor(file: string, version: string | undefined): string {
  return withoutVersionSuffix(basename(file, extname(file)), version);
}
