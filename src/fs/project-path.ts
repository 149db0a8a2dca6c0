import { isAbsolute, relative, sep } from 'node:path';

/** `/`-separated, whatever the platform: the form zone files take in CSVs and the history. */
export function posixPath(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** A file as the history names it: relative to the project root when absolute, `/`-separated. */
export function projectPath(file: string, root: string): string {
  if (!file || !isAbsolute(file)) return posixPath(file);
  return posixPath(relative(root, file));
}

/** Like projectPath, but a file outside the project keeps its absolute path instead of `../..`. */
export function projectPathInside(file: string, root: string): string {
  if (!isAbsolute(file)) return posixPath(file);
  const inside = relative(root, file);
  const outside = inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  return outside ? file : posixPath(inside);
}
