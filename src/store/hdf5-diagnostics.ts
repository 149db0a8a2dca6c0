import fs from 'node:fs';

/**
 * h5wasm's Node build (Emscripten, NODERAWFS) maps the C library's stderr straight onto file
 * descriptor 2 with `fs.writeSync`, bypassing process.stderr, and HDF5's automatic error
 * printing cannot be turned off from JavaScript (h5wasm exports no H5Eset_auto). So while the
 * store works on a file, writes to fd 2 through `fs.writeSync` are caught here instead: a
 * user sees our one line, and the caught text still names the cause ("No space left on
 * device", "truncated file: eof = …"). Node's own stderr stream does not call the patched
 * export (pipes and TTYs go through libuv; SyncWriteStream bound `writeSync` at load), so
 * nothing of ours is swallowed. Scopes nest (a save reads the old file inside its own scope):
 * only the outermost one patches and restores.
 */
let depth = 0;
let caught = '';
let originalWriteSync: typeof fs.writeSync | undefined;

function catchingWriteSync(fd: number, buffer: NodeJS.ArrayBufferView | string, ...rest: unknown[]): number {
  const writeSync = originalWriteSync as (...args: unknown[]) => number;
  if (fd !== 2) return writeSync(fd, buffer, ...rest);
  if (typeof buffer === 'string') {
    caught += buffer;
    return Buffer.byteLength(buffer);
  }
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const offset = typeof rest[0] === 'number' ? rest[0] : 0;
  const length = typeof rest[1] === 'number' ? rest[1] : bytes.length - offset;
  caught += Buffer.from(bytes.subarray(offset, offset + length)).toString('utf8');
  return length;
}

function enter(): number {
  if (depth++ === 0) {
    originalWriteSync = fs.writeSync;
    fs.writeSync = catchingWriteSync as typeof fs.writeSync;
    caught = '';
  }
  return caught.length;
}

function leave(): void {
  if (--depth === 0) {
    fs.writeSync = originalWriteSync as typeof fs.writeSync;
    originalWriteSync = undefined;
    caught = '';
  }
}

/** Runs `action` with HDF5's diagnostics caught; returns them with its value. */
export function withDiagnosticsCaptured<T>(action: () => T): { value: T; diagnostics: string } {
  const start = enter();
  try {
    const value = action();
    return { value, diagnostics: caught.slice(start) };
  } finally {
    leave();
  }
}

/** An async scope of caught diagnostics: `diagnostics()` is what HDF5 printed since it began. */
export async function withQuietHdf5<T>(action: (diagnostics: () => string) => Promise<T>): Promise<T> {
  const start = enter();
  try {
    return await action(() => caught.slice(start));
  } finally {
    leave();
  }
}

/**
 * The cause HDF5 names in a diagnostic stack: the system's message for a failed write or
 * read ("No space left on device"), else the innermost frame's text.
 */
export function causeIn(diagnostics: string): string | undefined {
  const system = /error message = '([^']+)'/.exec(diagnostics)?.[1];
  if (system) return system;
  const frames = [...diagnostics.matchAll(/#\d+:.* in \w+\(\)\s*: (.*)/g)];
  const innermost = frames.at(-1)?.[1]?.trim();
  if (innermost) return innermost;
  return diagnostics.split('\n').map((line) => line.trim()).find((line) => line.length > 0);
}
