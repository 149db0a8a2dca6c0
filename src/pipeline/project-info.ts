import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { inputError, messageOf } from '../errors.js';

export interface ProjectInfo {
  /** Directory holding the nearest package.json (or the starting directory). */
  root: string;
  name?: string;
  version?: string;
}

/** The nearest package.json at or above `from`: the measured project's name and version. */
export function findProject(from: string): ProjectInfo {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; version?: unknown };
        return {
          root: dir,
          ...(typeof parsed.name === 'string' ? { name: parsed.name } : {}),
          ...(typeof parsed.version === 'string' ? { version: parsed.version } : {}),
        };
      } catch (error) {
        throw inputError(manifest, `is not valid JSON: ${messageOf(error)}`, error);
      }
    }
    if (dirname(dir) === dir) return { root: resolve(from) };
  }
}

/** The checked-out commit, or undefined outside a git checkout (or without git). */
export async function gitCommit(cwd: string): Promise<string | undefined> {
  try {
    const result = await execa('git', ['rev-parse', 'HEAD'], { cwd, reject: false, timeout: 5000 });
    return result.exitCode === 0 ? String(result.stdout).trim() || undefined : undefined;
  } catch {
    return undefined;
  }
}
