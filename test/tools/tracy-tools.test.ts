import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendChoiceError, chooseBackend } from '../../src/session/backend-choice.js';
import { cachedTracyBinDir, tracyCacheRoot } from '../../src/tools/tracy-cache.js';
import { locateTracyTool } from '../../src/tools/tracy-tools.js';
import { useTempDirs } from '../support/temp-dir.js';

/** The backend choice as a run makes it, from the options a test names (the environment left out). */
function chooseWith(options: { backend?: 'auto' | 'tracy' | 'embedded' | 'cpuprofile'; tracyCapture?: string; tracyCsvexport?: string }) {
  return chooseBackend(options.backend ?? 'auto', { capture: options.tracyCapture, csvexport: options.tracyCsvexport }, {});
}

const tempDir = useTempDirs();

/**
 * Stand-in tools: shell scripts that answer as Tracy's do when run without arguments (usage
 * text, exit 1), with `banner` on top as Tracy 0.14 prints its version.
 */
function tool(dir: string, name: 'tracy-capture' | 'tracy-csvexport', banner?: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  const lines = [...(banner ? [banner, ''] : []), name === 'tracy-capture' ? 'Usage: capture -o output.tracy [-a address] [-p port] [-f]' : 'Usage:'];
  writeFileSync(path, `#!/bin/sh\ncat <<'END'\n${lines.join('\n')}\nEND\nexit 1\n`, { mode: 0o755 });
  return path;
}

function pair(dir: string, version?: string): { capture: string; csvexport: string } {
  return {
    capture: tool(dir, 'tracy-capture', version && `tracy-capture ${version} / 0123abc`),
    csvexport: tool(dir, 'tracy-csvexport', version && `tracy-csvexport ${version} / 0123abc`),
  };
}

const saved = { PATH: process.env.PATH, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, TRACY_CAPTURE: process.env.TRACY_CAPTURE, TRACY_CSVEXPORT: process.env.TRACY_CSVEXPORT };
let cache: string;
beforeEach(() => {
  cache = tempDir();
  process.env.XDG_CACHE_HOME = cache;
  process.env.PATH = '/usr/bin:/bin';
  delete process.env.TRACY_CAPTURE;
  delete process.env.TRACY_CSVEXPORT;
});
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('finding Tracy tools', () => {
  it('looks at the option, the environment variable, PATH, then the cache', () => {
    const cached = pair(join(tracyCacheRoot(), '0.13.1', 'bin'));
    expect(locateTracyTool('tracy-capture')).toEqual({ path: cached.capture, from: 'cache' });
    const onPath = pair(join(tempDir(), 'bin'));
    process.env.PATH = `${join(onPath.capture, '..')}:/usr/bin:/bin`;
    expect(locateTracyTool('tracy-capture')).toEqual({ path: onPath.capture, from: 'PATH' });
    const fromEnv = pair(join(tempDir(), 'env'));
    process.env.TRACY_CAPTURE = fromEnv.capture;
    expect(locateTracyTool('tracy-capture')).toEqual({ path: fromEnv.capture, from: 'env' });
    const fromOption = pair(join(tempDir(), 'option'));
    expect(locateTracyTool('tracy-capture', fromOption.capture)).toEqual({ path: fromOption.capture, from: 'option' });
    // Pointing at something that is not there finds nothing rather than another tool.
    expect(locateTracyTool('tracy-capture', join(cache, 'missing'))).toBeUndefined();
  });

  it('takes the newest release in the cache that has both tools', () => {
    expect(cachedTracyBinDir()).toBeUndefined();
    pair(join(tracyCacheRoot(), '0.13.1', 'bin'));
    tool(join(tracyCacheRoot(), '0.14.0', 'bin'), 'tracy-capture');
    mkdirSync(join(tracyCacheRoot(), 'dependency-sources', 'bin'), { recursive: true });
    expect(cachedTracyBinDir()).toBe(join(tracyCacheRoot(), '0.13.1', 'bin'));
    tool(join(tracyCacheRoot(), '0.14.0', 'bin'), 'tracy-csvexport');
    expect(cachedTracyBinDir()).toBe(join(tracyCacheRoot(), '0.14.0', 'bin'));
  });
});

describe('the backend choice checks the version of the tools it found', () => {
  it('uses tools of a release the client speaks, and tools that print no version (Tracy before 0.14)', () => {
    const modern = pair(join(tempDir(), 'modern'), '0.14.0');
    expect(chooseWith({ backend: 'tracy', tracyCapture: modern.capture, tracyCsvexport: modern.csvexport })).toEqual({ backend: 'tracy', tools: modern });
    const silent = pair(join(tempDir(), 'silent'));
    expect(chooseWith({ tracyCapture: silent.capture, tracyCsvexport: silent.csvexport })).toEqual({ backend: 'tracy', tools: silent });
  });

  it('tracy: refuses an unsupported release in one line before any test; auto: falls back to embedded and says why', () => {
    const old = pair(join(tempDir(), 'old'), '0.9.0');
    const options = { tracyCapture: old.capture, tracyCsvexport: old.csvexport };
    let thrown: unknown;
    try {
      chooseWith({ ...options, backend: 'tracy' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BackendChoiceError);
    expect((thrown as Error).message).toBe(
      `the Tracy backend was requested but tracy-capture at ${old.capture}: Tracy 0.9.0 speaks protocol 63, which perf-report's client ` +
        'does not speak; it speaks protocol 76 of Tracy 0.13.x and 82 of Tracy 0.14.x',
    );
    expect(chooseWith({ ...options, backend: 'auto' })).toEqual({
      backend: 'embedded',
      notice: `Tracy not used: tracy-capture at ${old.capture}: Tracy 0.9.0 speaks protocol 63, which perf-report's client does not speak; it speaks protocol 76 of Tracy 0.13.x and 82 of Tracy 0.14.x`,
    });
  });

  it('refuses a tracy-csvexport older than the tracy-capture', () => {
    const capture = tool(join(tempDir(), 'a'), 'tracy-capture', 'tracy-capture 0.14.0 / 0123abc');
    const csvexport = tool(join(tempDir(), 'b'), 'tracy-csvexport', 'tracy-csvexport 0.13.1 / 0123abc');
    expect(() => chooseWith({ backend: 'tracy', tracyCapture: capture, tracyCsvexport: csvexport })).toThrow(
      /tracy-csvexport at \S+ is Tracy 0\.13\.1, older than tracy-capture at \S+ \(Tracy 0\.14\.0\), and cannot read the captures it writes/,
    );
  });

  it('finds a build in the cache without PATH or options', () => {
    const cached = pair(join(tracyCacheRoot(), '0.14.0', 'bin'), '0.14.0');
    expect(chooseWith({})).toEqual({ backend: 'tracy', tools: cached });
  });
});
