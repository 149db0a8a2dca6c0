import { createWriteStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { execa } from 'execa';
import { inputError, workError } from '../errors.js';
import { normalizeTracyVersion } from './tracy-version.js';

/** What --source names: a checkout, an archive on disk, or an archive to download. */
export type SourceKind = { kind: 'dir'; path: string } | { kind: 'archive'; path: string } | { kind: 'url'; url: string };

/** The release archive GitHub makes of a tag of Tracy's repository: `tracy-<version>/` inside. */
export function releaseArchiveUrl(version: string): string {
  return `https://github.com/wolfpld/tracy/archive/refs/tags/v${version}.tar.gz`;
}

const ARCHIVE = /\.(?:tar\.gz|tgz)$/i;

/**
 * Decides what the source is before anything runs, so a mistyped --source is bad input
 * (exit 2) rather than a failure minutes later. Without --source: the release archive.
 */
export function classifySource(source: string | undefined, version: string): SourceKind {
  if (source === undefined) return { kind: 'url', url: releaseArchiveUrl(version) };
  if (/^https?:\/\//i.test(source)) return { kind: 'url', url: source };
  const path = resolve(source);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw inputError(source, 'no such file or directory (--source takes a Tracy checkout, a .tar.gz/.tgz archive, or an http(s) URL of one)');
  }
  if (isDirectory) {
    checkSourceTree(path, source);
    return { kind: 'dir', path };
  }
  if (!ARCHIVE.test(path)) throw inputError(source, 'not a directory nor a .tar.gz/.tgz archive');
  return { kind: 'archive', path };
}

/**
 * The root of the source tree: the directory itself, or the archive (downloaded first)
 * unpacked into `workDir` with the system's tar.
 */
export async function obtainTracySource(
  source: SourceKind,
  workDir: string,
  tar: string | undefined,
  progress: (line: string) => void,
): Promise<string> {
  if (source.kind === 'dir') return source.path;
  let archive: string;
  if (source.kind === 'url') {
    archive = join(workDir, 'source.tar.gz');
    progress(`downloading ${source.url}`);
    await download(source.url, archive);
  } else {
    archive = source.path;
  }
  const into = join(workDir, 'source');
  await mkdir(into, { recursive: true });
  progress(`unpacking ${archive}`);
  const result = await execa(tar ?? 'tar', ['-xzf', archive, '-C', into], { reject: false, stdin: 'ignore' });
  if (result.exitCode !== 0) {
    const reason = result.stderr.trim().split('\n')[0] || result.shortMessage;
    throw (source.kind === 'archive' ? inputError : workError)(source.kind === 'url' ? source.url : archive, `cannot unpack the archive: ${reason}`);
  }
  const root = archiveRoot(into);
  checkSourceTree(root, source.kind === 'url' ? source.url : archive);
  return root;
}

/** The release a tree is, from public/common/TracyVersion.hpp and TracyProtocol.hpp, when it has them. */
export function readSourceRelease(root: string): { version: string | undefined; protocol: number | undefined } {
  const read = (file: string) => {
    try {
      return readFileSync(join(root, 'public/common', file), 'utf8');
    } catch {
      return '';
    }
  };
  // `enum { Major = 0 };` up to 0.13, `constexpr int Major = 0;` from 0.14: both are `Major = 0`.
  const versionText = read('TracyVersion.hpp');
  const part = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(\\d+)`).exec(versionText)?.[1];
  const [major, minor, patch] = [part('Major'), part('Minor'), part('Patch')];
  const version = major && minor && patch ? normalizeTracyVersion(`${major}.${minor}.${patch}`) : undefined;
  const protocol = /\bProtocolVersion\s*=\s*(\d+)/.exec(read('TracyProtocol.hpp'))?.[1];
  return { version, protocol: protocol === undefined ? undefined : Number(protocol) };
}

/** Tracy 0.13 and 0.14 keep the two tools as CMake projects of their own, capture/ and csvexport/. */
function checkSourceTree(root: string, named: string): void {
  for (const project of ['capture', 'csvexport']) {
    if (!existsSync(join(root, project, 'CMakeLists.txt'))) {
      throw inputError(named, `not a Tracy source tree: no ${project}/CMakeLists.txt in it`);
    }
  }
}

/** An archive holds either the tree itself or one directory with it (GitHub's `tracy-0.13.1/`). */
function archiveRoot(into: string): string {
  if (existsSync(join(into, 'capture'))) return into;
  const entries = readdirSync(into, { withFileTypes: true });
  const only = entries.length === 1 ? entries[0] : undefined;
  return only?.isDirectory() ? join(into, only.name) : into;
}

async function download(url: string, to: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw workError(url, `cannot download Tracy's source (${reason}); without network, pass --source with a checkout or a .tar.gz of it`, error);
  }
  if (!response.ok || !response.body) {
    // A tag that does not exist is a 404: the --version was wrong.
    const fail = response.status === 404 ? inputError : workError;
    throw fail(url, `cannot download Tracy's source: HTTP ${response.status}${response.status === 404 ? ' (is there such a release?)' : ''}`);
  }
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(to));
  } catch (error) {
    throw workError(url, `the download broke off: ${(error as Error).message}`, error);
  }
}
