import { storageKey } from '../model/keys.js';

/** `@scope/pkg` → `scope-pkg`: a package name may not be usable as a file name as it is. */
export function fileSafeName(name: string): string {
  return name.replace(/^@/, '').replace(/[/\\:*?"<>|]/g, '-');
}

/**
 * `<name>.<version>.<extension>`: the CSV, capture and PDF of one run share this stem, and
 * the version is spelled as its storage key everywhere (no `/` or `\`), so a version can
 * never name a file outside the output directory.
 */
export function runFileName(name: string, version: string, extension: string): string {
  return `${fileSafeName(name)}.${storageKey(version, 'version')}.${extension}`;
}
