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

/** C0 controls (tab, newline, …), DEL and C1 controls: never part of a version or a name. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Why `raw` cannot be a version or a name used in a file name and an HDF5 key, or undefined
 * when it can. Refused rather than repaired: `"1.1.0\n"` trimmed would silently replace the
 * stored 1.1.0, and a `..` or a separator would name a file outside the output directory.
 */
function labelProblem(raw: string, separators: boolean): string | undefined {
  if (raw.trim() === '') return 'is empty';
  if (CONTROL.test(raw)) return 'holds a control character (a newline, a tab, …)';
  if (raw !== raw.trim()) return 'starts or ends with white space';
  if (separators && /[/\\]/.test(raw)) return 'holds a path separator (/ or \\)';
  if (raw.includes('..')) return 'holds ".."';
  if (raw === '.') return 'is "."';
  return undefined;
}

/** A run's version as given (`--version`, PERF_VERSION, package.json): checked, never trimmed. */
export function validVersion(raw: string, where: string): string {
  const problem = labelProblem(raw, true);
  if (problem) throw inputError(undefined, `${where}: version ${JSON.stringify(raw)} ${problem}`);
  return raw;
}

/**
 * A project, Vitest-project or profile name that becomes part of a file name. A package
 * name's scope separator (`@scope/pkg`) is allowed: fileSafeName turns it into `-`.
 */
export function validLabel(raw: string, where: string): string {
  const problem = labelProblem(raw, false);
  if (problem) throw inputError(undefined, `${where}: name ${JSON.stringify(raw)} ${problem}`);
  return raw;
}
