/** The live Tracy client: one per run, in the main process. */
export { TracyClient, type EventTime, type TracyClientOptions, type TracyClientStats } from './tracy-client.js';
export type { ZoneSite } from './source-locations.js';
