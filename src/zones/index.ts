/**
 * `perf-report/zones`: time your own code inside tests. In perf mode each zone becomes a row of
 * the run's statistics (name, file, line); otherwise every function here just calls through.
 *
 * ```ts
 * import { zone, defineZone } from 'perf-report/zones';
 * const parse = defineZone('parse');            // location captured here, once
 * parse.run(() => parser.parse(text));
 * await zone('load fixtures', () => loadAll()); // sync or async; returns fn's result
 * ```
 */
import { callerOf } from './call-site.js';
import { activeRecorder, ENVIRONMENT_ZONES_KEY, type Recorder } from './recorder.js';
import { timed } from './timed.js';

export interface Zone {
  /** Runs `fn` inside the zone and returns its result (a promise's zone ends when it settles). */
  run<T>(fn: () => T): T;
  /** Opens the zone; pair with `end()` on the same logical thread. */
  begin(): void;
  end(): void;
}

/** This module's functions, as a Jest environment hands them on. */
interface ProvidedZones {
  zone: <T>(name: string, fn: () => T) => T;
  defineZone: (name: string) => Zone;
  plot: (name: string, value: number) => void;
  message: (text: string) => void;
  recording: boolean;
}

/**
 * Loaded in a Jest test file's own realm (an ES module test file, --experimental-vm-modules),
 * this module hands on the zones the environment loaded, which record through its recorder: a
 * recorder of this realm's own would be torn down with the file's global.
 */
const provided = (globalThis as { [ENVIRONMENT_ZONES_KEY]?: ProvidedZones })[ENVIRONMENT_ZONES_KEY];
const recorder = provided ? undefined : activeRecorder();

/** Runs `fn` in a zone named `name`; the location is where the first `zone(name, …)` call is. */
export const zone: <T>(name: string, fn: () => T) => T = provided?.zone ?? (recorder ? recordedZone(recorder) : (_name, fn) => fn());

/** A zone whose location (file and line of this call) is captured once; `run`/`begin`/`end` are cheap. */
export const defineZone: (name: string) => Zone = provided?.defineZone ?? (recorder ? definedZone(recorder) : () => NO_ZONE);

/** A sample of a named value over time (a Tracy plot). */
export const plot: (name: string, value: number) => void =
  provided?.plot ?? (recorder ? (name, value) => recorder.plot(name, value) : () => undefined);

/** A timestamped text (a Tracy message). */
export const message: (text: string) => void = provided?.message ?? (recorder ? (text) => recorder.message(text) : () => undefined);

/** True when zones are recorded (perf mode with a collector). */
export const recording: boolean = provided?.recording ?? recorder !== undefined;

const NO_ZONE: Zone = {
  run: (fn) => fn(),
  begin: () => undefined,
  end: () => undefined,
};

function definedZone(recorder: Recorder): (name: string) => Zone {
  return function defineZone(name) {
    const where = callerOf(defineZone);
    const location = recorder.location(name, where?.file ?? '', where?.line ?? 0);
    return {
      run: (fn) => timed(recorder, location, recorder.currentLane(), fn),
      begin: () => recorder.begin(location, recorder.currentLane()),
      end: () => recorder.end(location, recorder.currentLane()),
    };
  };
}

function recordedZone(recorder: Recorder): <T>(name: string, fn: () => T) => T {
  // Keyed by name: finding the call site of every call would cost a stack capture each time.
  const locations = new Map<string, number>();
  return function zone(name, fn) {
    let location = locations.get(name);
    if (location === undefined) {
      const where = callerOf(zone);
      location = recorder.location(name, where?.file ?? '', where?.line ?? 0);
      locations.set(name, location);
    }
    return timed(recorder, location, recorder.currentLane(), fn);
  };
}
