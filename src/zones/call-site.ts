import { fileURLToPath } from 'node:url';

export interface SourcePosition {
  /** Absolute path (file URLs are converted), or whatever the runtime named the script. */
  file: string;
  line: number;
}

/**
 * Where the caller of `callee` is. Read from `Error#stack` text on purpose: under Vitest the
 * stack goes through its source-map-aware `prepareStackTrace`, so the line is the one in the
 * TypeScript source, not in the transformed code. Costs a stack capture (µs): callers cache it.
 */
export function callerOf(callee: (...args: never[]) => unknown): SourcePosition | undefined {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 1;
  try {
    Error.captureStackTrace(holder, callee);
  } finally {
    Error.stackTraceLimit = limit;
  }
  return stackFrames(holder.stack ?? '')[0];
}

const FRAME = /^\s*at (?:.*? \()?(.+?):(\d+):\d+\)?$/;

/** The positions in a V8 stack text, innermost first; frames without a position are skipped. */
export function stackFrames(stack: string): SourcePosition[] {
  const frames: SourcePosition[] = [];
  for (const line of stack.split('\n')) {
    const match = FRAME.exec(line);
    if (!match) continue;
    frames.push({ file: toPath(match[1] ?? ''), line: Number(match[2]) });
  }
  return frames;
}

function toPath(file: string): string {
  const bare = file.startsWith('async ') ? file.slice(6) : file;
  if (!bare.startsWith('file://')) return bare;
  try {
    return fileURLToPath(bare);
  } catch {
    return bare;
  }
}

/**
 * The first frame that is the user's code: in `preferredFile` when given and present,
 * else outside node_modules and Node's internals.
 */
export function userFrame(stack: string, preferredFile?: string): SourcePosition | undefined {
  const frames = stackFrames(stack);
  const preferred = preferredFile ? frames.find((frame) => frame.file === preferredFile) : undefined;
  return preferred ?? frames.find((frame) => !frame.file.includes('/node_modules/') && !frame.file.startsWith('node:'));
}
