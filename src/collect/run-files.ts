import { basename, join } from 'node:path';
import { inputError } from '../errors.js';
import { findProject } from '../pipeline/project-info.js';

/** Where a perf run's files go and what it is called in them. */
export interface RunTarget {
  /** The tested project's root: paths in the CSV are relative to it; its package.json names the run. */
  root: string;
  outDir: string;
  name?: string;
  version?: string;
  h5?: boolean;
  pdfName?: string;
}

export interface RunFiles {
  name: string;
  version: string;
  /** `<out>/<name>.<version>`: `.csv`, `.tracy` are added to it. */
  base: string;
}

/** Decided before the first test: the Tracy capture's file name must be known when it starts. */
export function runFiles(target: RunTarget): RunFiles {
  const project = findProject(target.root);
  const version = target.version ?? project.version;
  if (!version) {
    throw inputError(join(project.root, 'package.json'), 'has no "version"; set the perf-report `version` option');
  }
  const name = target.name ?? project.name ?? basename(project.root);
  return { name, version, base: join(target.outDir, `${fileSafe(name)}.${version}`) };
}

/** `@scope/pkg` → `scope-pkg`: a package name may not be usable as a file name as is. */
function fileSafe(name: string): string {
  return name.replace(/^@/, '').replace(/[/\\:*?"<>|]/g, '-');
}
