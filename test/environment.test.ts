import { describe, expect, it } from 'vitest';
import { WORKER_ENV, readWorkerSettings, workerEnvironment } from '../src/environment.js';

describe('the worker environment', () => {
  it('names every contract variable, so a run never inherits the previous run\'s recording', () => {
    const env: NodeJS.ProcessEnv = {};
    Object.assign(env, workerEnvironment({ socket: '/tmp/a.sock', repeat: 3 }));
    expect(readWorkerSettings(env)).toEqual({ socket: '/tmp/a.sock', repeat: 3 });
    // A cpuprofile run in the same process afterwards: no socket left over, and back again.
    Object.assign(env, workerEnvironment({ cpuprofile: { directory: '/out/cpuprofile', root: '/p', intervalUs: 250 }, repeat: 1 }));
    expect(readWorkerSettings(env)).toEqual({ cpuprofile: { directory: '/out/cpuprofile', root: '/p', intervalUs: 250 }, repeat: 1 });
    Object.assign(env, workerEnvironment({ socket: '/tmp/b.sock', repeat: 1 }));
    expect(readWorkerSettings(env)).toEqual({ socket: '/tmp/b.sock', repeat: 1 });
    expect(Object.keys(workerEnvironment({ repeat: 1 })).sort()).toEqual(['PERF_MODE', ...Object.values(WORKER_ENV)].sort());
  });

  it('reads nothing to record from an empty environment', () => {
    expect(readWorkerSettings({})).toEqual({ repeat: 1 });
    expect(readWorkerSettings({ PERF_REPORT_REPEAT: 'x', PERF_REPORT_SOCKET: '' })).toEqual({ repeat: 1 });
  });
});
