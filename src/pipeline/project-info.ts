import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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

/**
 * The checked-out commit, or undefined outside a git checkout (or without git). Every run asks
 * this once: node:child_process answers it without loading execa (~260 modules, ~90 ms).
 */
export function gitCommit(cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      execFile('git', ['rev-parse', 'HEAD'], { cwd, timeout: 5000, windowsHide: true }, (error, stdout) => {
        resolve(error ? undefined : String(stdout).trim() || undefined);
      });
    } catch {
      resolve(undefined);
    }
  });
}
