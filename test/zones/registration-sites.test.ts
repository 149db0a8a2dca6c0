import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RegistrationSites, type CollectorLike } from '../../src/zones/registration-sites.js';

const THIS_FILE = fileURLToPath(import.meta.url);

// What Vitest's collector does on each registration: reads the option (our capture), then adds the task.
// The capture is written on the registering line itself: the first frame in this file is taken.

describe('RegistrationSites', () => {
  it('gives each task the line of the call that registered it, tests and describe blocks alike', () => {
    const sites = new RegistrationSites();
    const collector: CollectorLike = { tasks: [] };
    const first = { name: 'first' };
    const second = { name: 'second' };
    const block = { name: 'block' };
    const line = Number(new Error().stack?.split('\n')[1]?.match(/:(\d+):\d+\)?$/)?.[1]) + 1;
    for (const task of [first, second]) { sites.capture(collector); collector.tasks.push(task); }
    // A describe block is pushed as its collector, which holds the suite.
    sites.capture(collector); collector.tasks.push({ type: 'collector', suite: block });
    sites.settle();
    expect(sites.lineOf(first, THIS_FILE)).toBe(line);
    expect(sites.lineOf(second, THIS_FILE)).toBe(line);
    expect(sites.lineOf(block, THIS_FILE)).toBe(line + 2);
    // A stack without a frame in the file gives nothing rather than a wrong line.
    expect(sites.lineOf({ name: 'never registered' }, THIS_FILE)).toBeUndefined();
  });

  it('forgets the captures of a collection that did not finish', () => {
    const sites = new RegistrationSites();
    const collector: CollectorLike = { tasks: [] };
    const task = { name: 'dropped' };
    sites.capture(collector); collector.tasks.push(task);
    sites.reset();
    sites.settle();
    expect(sites.lineOf(task, THIS_FILE)).toBeUndefined();
  });
});
