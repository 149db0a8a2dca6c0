import { describe, expect, it } from 'vitest';
import { SUPPORTED_PROTOCOLS } from '../../src/tracy/wire/protocol.js';
import { CLIENT_PROTOCOLS, parseTracyVersion, protocolOfRelease, releaseProblem } from '../../src/tools/tracy-version.js';

describe('Tracy versions and protocols', () => {
  it('knows the protocols the client in src/tracy speaks', () => {
    // src/tools may not import the client; this keeps the two lists equal.
    expect([...CLIENT_PROTOCOLS]).toEqual([...SUPPORTED_PROTOCOLS.keys()]);
  });

  it('reads the version line of Tracy 0.14 tools, and finds none in 0.13.1 usage text', () => {
    expect(parseTracyVersion('tracy-capture 0.14.0 / 1a2b3c4\n\nUsage: capture -o output.tracy [-a address] [-p port] [-f] [-s seconds] [-m memlimit]\n')).toBe('0.14.0');
    expect(parseTracyVersion('tracy-csvexport 0.14.0 / unknown\n\nExtract statistics from a trace to a CSV format\n')).toBe('0.14.0');
    expect(parseTracyVersion('Tracy Profiler 0.13.1')).toBe('0.13.1');
    expect(parseTracyVersion('Usage: capture -o output.tracy [-a address] [-p port] [-f] [-s seconds] [-m memlimit]\n')).toBeUndefined();
    expect(parseTracyVersion('Extract statistics from a trace to a CSV format\nUsage:\n  extract [OPTION...] <trace file>\n')).toBeUndefined();
  });

  it('maps releases to the ProtocolVersion of their TracyProtocol.hpp', () => {
    expect(protocolOfRelease('0.9.1')).toBe(63);
    expect(protocolOfRelease('0.10.0')).toBe(64);
    expect(protocolOfRelease('0.11.0')).toBe(66);
    expect(protocolOfRelease('0.11.1')).toBe(69);
    expect(protocolOfRelease('0.12.2')).toBe(74);
    expect(protocolOfRelease('0.13.0')).toBe(76);
    expect(protocolOfRelease('0.13.1')).toBe(76);
    expect(protocolOfRelease('0.14.0')).toBe(82);
    expect(protocolOfRelease('0.15.0')).toBeUndefined();
  });

  it('says why a release cannot be used', () => {
    expect(releaseProblem('0.13.1')).toBeUndefined();
    expect(releaseProblem('0.14.0')).toBeUndefined();
    expect(releaseProblem('0.12.2')).toBe(
      "Tracy 0.12.2 speaks protocol 74, which perf-report's client does not speak; it speaks protocol 76 of Tracy 0.13.x and 82 of Tracy 0.14.x",
    );
    expect(releaseProblem('0.15.0')).toMatch(/^Tracy 0\.15\.0 is a release whose protocol perf-report does not know; /);
    // A source's own ProtocolVersion wins over the table.
    expect(releaseProblem('0.15.0', 82)).toBeUndefined();
  });
});
