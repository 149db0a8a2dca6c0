import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ZoneAggregator } from '../../src/collect/zone-aggregator.js';
import { CollectorServer } from '../../src/transport/collector-server.js';

describe.skipIf(process.platform === 'win32')("the collector's Unix socket", () => {
  it('is 0600 in a 0700 directory of its own even at umask 000, and both go on close()', async () => {
    const previous = process.umask(0);
    let server: CollectorServer | undefined;
    try {
      server = await CollectorServer.listen(() => new ZoneAggregator().connection());
    } finally {
      process.umask(previous);
    }
    const socket = statSync(server.address);
    const directory = statSync(dirname(server.address));
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o077).toBe(0);
    expect(directory.mode & 0o777).toBe(0o700);
    await server.close();
    expect(existsSync(server.address)).toBe(false);
    expect(existsSync(dirname(server.address))).toBe(false);
  });

  it('is removed with its directory when the process exits without close() (as on SIGINT in ab)', () => {
    const module = fileURLToPath(new URL('../../dist/src/transport/collector-server.js', import.meta.url));
    const script = `
      const { CollectorServer } = await import(${JSON.stringify(module)});
      const server = await CollectorServer.listen(() => ({ frame() {}, closed() {} }));
      console.log(server.address);
      // What ab's handler does on Ctrl-C: exit from the signal handler, no close().
      process.once('SIGTERM', () => process.exit(130));
      process.kill(process.pid, 'SIGTERM');
      setTimeout(() => {}, 5000);
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.status).toBe(130);
    const address = child.stdout.trim();
    expect(address).toMatch(/collector\.sock$/);
    expect(existsSync(dirname(address))).toBe(false);
  });
});
