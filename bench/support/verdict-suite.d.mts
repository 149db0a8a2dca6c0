// Types of verdict-suite.mjs, for the TypeScript tests that build the same project.
export const REPO: string;
export const SCALED_ZONES: string[];
/** The suite in a fresh temporary git repository (one commit on main); returns its directory. */
export function createVerdictProject(): string;
/** Scales the named zones' work (`{ hash: 1.2 }`) in the working tree. */
export function writeScale(dir: string, scale: Partial<Record<'hash' | 'squares' | 'sort' | 'json' | 'regex', number>>): void;
export function git(dir: string, args: string[]): string;
