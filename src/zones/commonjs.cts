/**
 * `perf-report/zones` for CommonJS code, above all Jest's test files: Jest's module registry
 * cannot load an ES module (not without --experimental-vm-modules), and Babel and ts-jest turn
 * `import` into `require`. perf-report's Jest environment loads the ES module itself and puts it
 * on the test file's global; anywhere else every function calls through, as the ES module's do
 * outside perf mode.
 */
import type * as Zones from './index.js' with { 'resolution-mode': 'import' };

/** Where the Jest environment leaves the zones for the test file's code (ENVIRONMENT_ZONES_KEY of recorder.ts). */
const ZONES_KEY = Symbol.for('perf-report.zones');

const NO_ZONE: Zones.Zone = {
  run: (fn) => fn(),
  begin: () => undefined,
  end: () => undefined,
};

const callThrough: typeof Zones = {
  zone: (_name, fn) => fn(),
  defineZone: () => NO_ZONE,
  plot: () => undefined,
  message: () => undefined,
  recording: false,
};

const zones = (globalThis as { [ZONES_KEY]?: typeof Zones })[ZONES_KEY] ?? callThrough;

export type Zone = Zones.Zone;
export const zone = zones.zone;
export const defineZone = zones.defineZone;
export const plot = zones.plot;
export const message = zones.message;
export const recording = zones.recording;
