/**
 * Which Tracy release a tool is, and which wire protocol that release speaks.
 *
 * tracy-capture and tracy-csvexport print `tracy-capture 0.14.0 / <git ref>` (resp.
 * `tracy-csvexport …`, on stderr) at the top of their usage text from Tracy 0.14 on, which is
 * what running them without arguments shows. Releases before 0.14 print a usage text without
 * any version (0.13.1's tracy-capture: `Usage: capture -o output.tracy [-a address] [-p port]
 * [-f] [-s seconds] [-m memlimit]`), so for those the version can only come from elsewhere
 * (the record `perf-report tracy build` leaves beside what it built).
 */

/** The protocols of the Tracy client in src/tracy (kept equal to its SUPPORTED_PROTOCOLS by a test). */
export const CLIENT_PROTOCOLS: readonly number[] = [76, 82];

/**
 * ProtocolVersion in public/common/TracyProtocol.hpp at each release tag of Tracy's repository
 * (github.com/wolfpld/tracy). A two-part release covers all its patch releases.
 */
const RELEASE_PROTOCOLS: readonly { release: string; protocol: number }[] = [
  { release: '0.9', protocol: 63 },
  { release: '0.10', protocol: 64 },
  { release: '0.11.0', protocol: 66 },
  { release: '0.11.1', protocol: 69 },
  { release: '0.12', protocol: 74 },
  { release: '0.13', protocol: 76 },
  { release: '0.14', protocol: 82 },
];

/** The releases whose protocol the client speaks, for messages. */
export const SUPPORTED_RELEASES = 'protocol 76 of Tracy 0.13.x and 82 of Tracy 0.14.x';

/** `0.13.1` or `v0.13.1` → `0.13.1`; undefined when it is not three dot-separated numbers. */
export function normalizeTracyVersion(text: string): string | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  return match ? `${Number(match[1])}.${Number(match[2])}.${Number(match[3])}` : undefined;
}

/**
 * The version in a tool's usage text: `tracy-capture 0.14.0 / 1a2b3c4` as Tracy 0.14 prints
 * it (also `tracy-csvexport …`, and `Tracy Profiler 0.14.0` as the GUI names itself).
 */
export function parseTracyVersion(text: string): string | undefined {
  const match = /\b(?:tracy-capture|tracy-csvexport|Tracy Profiler)\s+v?(\d+\.\d+\.\d+)\b/.exec(text);
  return match ? normalizeTracyVersion(match[1] as string) : undefined;
}

/** The protocol a release speaks; undefined for a release this table does not know. */
export function protocolOfRelease(version: string): number | undefined {
  const parts = version.split('.');
  for (const { release, protocol } of RELEASE_PROTOCOLS) {
    const wanted = release.split('.');
    if (wanted.every((part, index) => Number(part) === Number(parts[index]))) return protocol;
  }
  return undefined;
}

/**
 * Why the client cannot work with this release, in a phrase ("Tracy 0.12.2 speaks protocol
 * 74; …"); undefined when it can. `protocol` is the release's own word when known (its
 * source), else the table's.
 */
export function releaseProblem(version: string, protocol = protocolOfRelease(version)): string | undefined {
  if (protocol === undefined) {
    return `Tracy ${version} is a release whose protocol perf-report does not know; its client speaks ${SUPPORTED_RELEASES}`;
  }
  if (!CLIENT_PROTOCOLS.includes(protocol)) {
    return `Tracy ${version} speaks protocol ${protocol}, which perf-report's client does not speak; it speaks ${SUPPORTED_RELEASES}`;
  }
  return undefined;
}
