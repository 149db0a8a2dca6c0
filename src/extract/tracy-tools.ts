import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Finds one of Tracy's command-line tools: an explicit path (option or environment
 * variable) first, then PATH. Returns undefined when it is not installed.
 */
export function findTracyTool(tool: 'tracy-csvexport' | 'tracy-capture', explicit?: string): string | undefined {
  const fromEnvironment = tool === 'tracy-csvexport' ? process.env.TRACY_CSVEXPORT : process.env.TRACY_CAPTURE;
  const chosen = explicit ?? fromEnvironment;
  if (chosen) return isExecutable(chosen) ? chosen : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, tool);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const TRACY_INSTALL_HINT =
  'Install Tracy 0.13 (build its capture/ and csvexport/ tools, put them on PATH or set TRACY_CSVEXPORT), ' +
  'or export the capture to CSV yourself; test runs without Tracy use the embedded collector and need neither.';
