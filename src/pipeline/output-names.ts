import { extname } from 'node:path';
import { inputError } from '../errors.js';
import { HISTORY_FILE, isHistoryFile } from '../fs/inside-directory.js';
import { storageKey, validLabel } from '../model/keys.js';

/** `@scope/pkg` → `scope-pkg`: a package name may not be usable as a file name as it is. */
export function fileSafeName(name: string): string {
  return validLabel(name, 'project name').replace(/^@/, '').replace(/[/\\:*?"<>|]/g, '-');
}

/**
 * `<name>.<version>.<extension>`: the CSV, capture and PDF of one run share this stem, and
 * the version is spelled as its storage key everywhere (no `/` or `\`). Callers resolve it
 * with fileInside, which refuses anything that would still land outside the directory.
 */
export function runFileName(name: string, version: string, extension: string): string {
  return `${fileSafeName(name)}.${storageKey(version, 'version')}.${extension}`;
}

/**
 * A PDF name the user chose (`--pdf-name`, the pdfName option): a plain file name in the
 * output directory, `.pdf` added when missing. Separators and absolute names are refused, not
 * stripped, so the report is never written somewhere else than the user believes; so is the
 * history's own name, which the PDF would replace.
 */
export function pdfFileName(given: string, where: string): string {
  const fail = (why: string): never => {
    throw inputError(undefined, `${where} ${JSON.stringify(given)} ${why}`);
  };
  if (given.trim() === '' || given === '.' || given === '..') fail('is not a file name');
  if (/[/\\]/.test(given)) fail('must be a file name in the output directory, without / or \\');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(given)) fail('holds a control character');
  if (isHistoryFile(given)) fail(`would overwrite the history ${HISTORY_FILE} (or its lock or temp files)`);
  return extname(given).toLowerCase() === '.pdf' ? given : `${given}.pdf`;
}
