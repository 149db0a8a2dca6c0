import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { chooseBackend } from '../../src/session/backend-choice.js';
import { cliPath } from '../support/fixtures.js';
import { useTempDirs } from '../support/temp-dir.js';
import { writeStandInTracy } from '../tools/stand-in-tracy.js';

/** The backend choice as a run makes it, from the options a test names (the environment left out). */
function chooseWith(options: { backend?: 'auto' | 'tracy' | 'embedded' | 'cpuprofile'; tracyCapture?: string; tracyCsvexport?: string }) {
  return chooseBackend(options.backend ?? 'auto', { capture: options.tracyCapture, csvexport: options.tracyCsvexport }, {});
}

/**
 * `perf-report tracy build|which` through the built CLI, with Debian's real cmake, g++ and make
 * building a stand-in of Tracy's source tree (two tiny programs) in a few seconds: no
 * network, and nothing of Tracy's own.
 */
const tempDir = useTempDirs();

/** PATH without any Tracy tools: Node's directory and the system's (cmake, g++, make, tar). */
const SYSTEM_PATH = [dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(delimiter);

function perfReport(args: string[], env: Record<string, string> = {}) {
  // One compile job: the stand-in is tiny, and other test files share the machine's cores.
  if (args[1] === 'build' && !args.includes('--jobs')) args = [...args, '--jobs', '1'];
  return execa(process.execPath, [cliPath, ...args], {
    reject: false,
    env: { NO_COLOR: '1', PATH: SYSTEM_PATH, TRACY_CAPTURE: '', TRACY_CSVEXPORT: '', XDG_CACHE_HOME: tempDir(), ...env },
  });
}

function standIn(options: Parameters<typeof writeStandInTracy>[1]): string {
  const root = join(tempDir(), `tracy-${options.version}`);
  writeStandInTracy(root, options);
  return root;
}

describe('perf-report tracy build', () => {
  it('configures and builds capture/ and csvexport/ of a checkout and installs both into --prefix/bin', async () => {
    const source = standIn({ version: '0.13.1' });
    const prefix = join(tempDir(), 'tools');
    // Two jobs here, to see the option reach the build.
    const result = await perfReport(['tracy', 'build', '--source', source, '--prefix', prefix, '--jobs', '2']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^\[1\/5\] build tools: cmake \d+\.\d+\S* .*C\+\+ \S+, C \S+, /);
    expect(result.stdout).toContain(`[2/5] source: ${source}`);
    expect(result.stdout).toContain('      Tracy 0.13.1, protocol 76');
    expect(result.stdout).toContain('[3/5] tracy-capture: configure (Release), build with 2 jobs');
    expect(result.stdout).toContain('[4/5] tracy-csvexport: configure (Release), build with 2 jobs');
    expect(result.stdout).toContain(`[5/5] install into ${join(prefix, 'bin')}`);
    expect(result.stdout).toContain(`done: Tracy 0.13.1 (protocol 76) in ${join(prefix, 'bin')}; point TRACY_CAPTURE and TRACY_CSVEXPORT at them`);
    for (const tool of ['tracy-capture', 'tracy-csvexport']) {
      expect(statSync(join(prefix, 'bin', tool)).mode & 0o111).not.toBe(0);
    }
    const record = JSON.parse(readFileSync(join(prefix, 'tracy-build.json'), 'utf8'));
    expect(record).toMatchObject({ version: '0.13.1', protocol: 76, source });
    // The temporary build directory (the log's) is gone after a success.
    const log = /log: (\S+)/.exec(result.stdout)?.[1];
    expect(log && existsSync(dirname(log))).toBe(false);

    // 0.13.1 prints no version: the build's record says it.
    const which = await perfReport(['tracy', 'which'], {
      TRACY_CAPTURE: join(prefix, 'bin/tracy-capture'),
      TRACY_CSVEXPORT: join(prefix, 'bin/tracy-csvexport'),
    });
    expect(which.exitCode).toBe(0);
    expect(which.stdout).toContain(`tracy-capture    ${join(prefix, 'bin/tracy-capture')} (from TRACY_CAPTURE): Tracy 0.13.1, protocol 76 (from its build record), usable`);
    expect(which.stdout).toContain(`tracy-csvexport  ${join(prefix, 'bin/tracy-csvexport')} (from TRACY_CSVEXPORT): Tracy 0.13.1, protocol 76 (from its build record), usable`);
  });

  it('builds a .tar.gz into the cache, where `tracy which` and the backend choice find it without PATH', async () => {
    const source = standIn({ version: '0.14.0', protocol: 82, printsVersion: true });
    const archive = join(tempDir(), 'tracy-0.14.0.tar.gz');
    // As GitHub's release archives: one top directory holding the tree.
    await execa('tar', ['czf', archive, '-C', dirname(source), 'tracy-0.14.0']);
    const cache = tempDir();
    const result = await perfReport(['tracy', 'build', '--source', archive], { XDG_CACHE_HOME: cache });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`unpacking ${archive}`);
    const bin = join(cache, 'perf-report/tracy/0.14.0/bin');
    expect(result.stdout).toContain(`done: Tracy 0.14.0 (protocol 82) in ${bin}; the tracy and auto backends find them there`);

    const which = await perfReport(['tracy', 'which'], { XDG_CACHE_HOME: cache });
    expect(which.exitCode).toBe(0);
    expect(which.stdout).toContain(`tracy-capture    ${bin}/tracy-capture (in the perf-report cache): Tracy 0.14.0, protocol 82 (from its usage text), usable`);
    expect(which.stdout).toContain(`tracy-csvexport  ${bin}/tracy-csvexport (in the perf-report cache): Tracy 0.14.0, protocol 82 (from its usage text), usable`);

    const saved = { PATH: process.env.PATH, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };
    try {
      process.env.PATH = SYSTEM_PATH;
      process.env.XDG_CACHE_HOME = cache;
      expect(chooseWith({ backend: 'tracy' })).toEqual({
        backend: 'tracy',
        tools: { capture: join(bin, 'tracy-capture'), csvexport: join(bin, 'tracy-csvexport') },
      });
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.XDG_CACHE_HOME === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved.XDG_CACHE_HOME;
    }
  });

  it('downloads an http(s) --source (here from a server on 127.0.0.1)', async () => {
    const source = standIn({ version: '0.13.0' });
    const archive = join(tempDir(), 'v0.13.0.tar.gz');
    await execa('tar', ['czf', archive, '-C', dirname(source), 'tracy-0.13.0']);
    const server = createServer((request, response) => {
      if (request.url !== '/archive/refs/tags/v0.13.0.tar.gz') response.writeHead(404).end();
      else response.writeHead(200, { 'content-type': 'application/gzip' }).end(readFileSync(archive));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const prefix = tempDir();
      const result = await perfReport(['tracy', 'build', '--source', `${base}/archive/refs/tags/v0.13.0.tar.gz`, '--prefix', prefix]);
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain(`downloading ${base}/archive/refs/tags/v0.13.0.tar.gz`);
      expect(existsSync(join(prefix, 'bin/tracy-capture'))).toBe(true);

      const missing = await perfReport(['tracy', 'build', '--source', `${base}/no-such.tar.gz`, '--prefix', prefix]);
      expect(missing.exitCode).toBe(2);
      expect(missing.stderr).toBe(`perf-report: ${base}/no-such.tar.gz: cannot download Tracy's source: HTTP 404 (is there such a release?)`);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it('refuses a release whose protocol the client does not speak before building (exit 2)', async () => {
    const source = standIn({ version: '0.12.2', protocol: 74 });
    const result = await perfReport(['tracy', 'build', '--source', source, '--prefix', tempDir()]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `perf-report: ${source}: Tracy 0.12.2 speaks protocol 74, which perf-report's client does not speak; it speaks protocol 76 ` +
        'of Tracy 0.13.x and 82 of Tracy 0.14.x; build 0.13.1 (the default) or a 0.14.x release',
    );
    expect(result.stdout).not.toContain('[3/5]');

    const asked = await perfReport(['tracy', 'build', '--version', '0.9.0']);
    expect(asked.exitCode).toBe(2);
    expect(asked.stderr).toMatch(/^perf-report: --version 0\.9\.0: Tracy 0\.9\.0 speaks protocol 63, which perf-report's client does not speak; .*$/);
  });

  it('refuses a tree without version headers when the built program prints an unsupported version', async () => {
    const source = standIn({ version: '0.15.0', printsVersion: true, headers: false });
    const prefix = tempDir();
    const result = await perfReport(['tracy', 'build', '--source', source, '--prefix', prefix]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^perf-report: \S+: Tracy 0\.15\.0 is a release whose protocol perf-report does not know; .*$/);
    expect(existsSync(join(prefix, 'bin'))).toBe(false);
  });

  it('bad input: a --source that is not there, not a Tracy tree, a --version the source is not (exit 2)', async () => {
    const nowhere = join(tempDir(), 'nowhere');
    const missing = await perfReport(['tracy', 'build', '--source', nowhere]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe(`perf-report: ${nowhere}: no such file or directory (--source takes a Tracy checkout, a .tar.gz/.tgz archive, or an http(s) URL of one)`);

    const empty = tempDir();
    const notTracy = await perfReport(['tracy', 'build', '--source', empty]);
    expect(notTracy.exitCode).toBe(2);
    expect(notTracy.stderr).toBe(`perf-report: ${empty}: not a Tracy source tree: no capture/CMakeLists.txt in it`);

    const source = standIn({ version: '0.13.1' });
    const other = await perfReport(['tracy', 'build', '--source', source, '--version', '0.14.0']);
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toBe(`perf-report: ${source}: is Tracy 0.13.1, not the 0.14.0 that --version asks for`);

    const badDependency = await perfReport(['tracy', 'build', '--source', source, '--dependency-source', 'zstd']);
    expect(badDependency.exitCode).toBe(2);
    expect(badDependency.stderr).toBe('perf-report: --dependency-source "zstd" is not NAME=DIR');

    const badVersion = await perfReport(['tracy', 'build', '--version', 'latest']);
    expect(badVersion.exitCode).toBe(2);
    expect(badVersion.stderr).toBe('perf-report: --version "latest" is not a Tracy release number such as 0.13.1');
  });

  it('says cmake is missing and how to install it (exit 1)', async () => {
    // Everything of the system's but cmake (the compilers run as, ld and others from PATH).
    const bin = tempDir();
    for (const name of readdirSync('/usr/bin')) {
      if (!name.startsWith('cmake')) symlinkSync(join('/usr/bin', name), join(bin, name));
    }
    const result = await perfReport(['tracy', 'build', '--source', standIn({ version: '0.13.1' })], {
      PATH: bin,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      "perf-report: cannot build Tracy's tools: missing cmake. Install it: Debian/Ubuntu: sudo apt-get install cmake; " +
        'macOS: brew install cmake; Fedora: sudo dnf install cmake',
    );

    const nothing = await perfReport(['tracy', 'build'], { PATH: tempDir() });
    expect(nothing.exitCode).toBe(1);
    expect(nothing.stderr).toBe(
      "perf-report: cannot build Tracy's tools: missing cmake, a C++20 compiler, a C compiler, make (or ninja), tar (to unpack the source archive). " +
        'Install them: Debian/Ubuntu: sudo apt-get install cmake g++ make tar; macOS: brew install cmake && xcode-select --install; ' +
        'Fedora: sudo dnf install cmake gcc-c++ make tar',
    );
  });

  it('a failing compile prints the end of the log, keeps the build directory and exits 1', async () => {
    const source = standIn({ version: '0.13.1' });
    writeFileSync(join(source, 'csvexport/src/main.cpp'), 'int main() { return not_declared_anywhere; }\n');
    const result = await perfReport(['tracy', 'build', '--source', source, '--prefix', tempDir()]);
    expect(result.exitCode).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(result.stderr).toContain('not_declared_anywhere');
    const last = lines.at(-1) as string;
    const match = /^perf-report: (\S+build\.log): tracy-csvexport: build failed \(exit \d+\); the build directory is kept: (\S+)$/.exec(last);
    expect(match).not.toBeNull();
    expect(readFileSync(match![1]!, 'utf8')).toContain('not_declared_anywhere');
    expect(dirname(match![1]!)).toBe(match![2]);
  });
});

describe('perf-report tracy which', () => {
  it('names what is missing and exits 1', async () => {
    const cache = tempDir();
    const result = await perfReport(['tracy', 'which'], { XDG_CACHE_HOME: cache });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe(
      `tracy-capture    not found: not on PATH, and no build in ${cache}/perf-report/tracy\n` +
        `tracy-csvexport  not found: not on PATH, and no build in ${cache}/perf-report/tracy`,
    );
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('Run `npx perf-report tracy build`');
  });

  it('refuses tools of a release the client cannot talk to, and rejects unknown options (exit 2)', async () => {
    const bin = tempDir();
    mkdirSync(bin, { recursive: true });
    for (const tool of ['tracy-capture', 'tracy-csvexport']) {
      writeFileSync(join(bin, tool), `#!/bin/sh\necho '${tool} 0.15.2 / 0123abc'\nexit 1\n`, { mode: 0o755 });
    }
    const result = await perfReport(['tracy', 'which'], { PATH: [bin, SYSTEM_PATH].join(delimiter) });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(`tracy-capture    ${bin}/tracy-capture (on PATH): not usable: tracy-capture at ${bin}/tracy-capture: Tracy 0.15.2 is a release whose protocol`);
    expect(result.stderr).toMatch(/^perf-report: tracy-capture at \S+: Tracy 0\.15\.2 is a release whose protocol perf-report does not know; [^\n]*$/);

    const bad = await perfReport(['tracy', 'which', '--frobnicate']);
    expect(bad.exitCode).toBe(2);
  });
});
