import { RECORD_BYTES, encodeEvents } from '../../src/transport/protocol.js';

/** One record as the worker's Recorder writes it; a number time is the f64 of a PlotValue. */
export type WorkerRecord = [kind: number, lane: number, argument: number, time: bigint | number];

/** An events frame of the worker→collector stream, built record by record. */
export function eventsFrame(records: WorkerRecord[]): Uint8Array {
  const bytes = new Uint8Array(records.length * RECORD_BYTES);
  const view = new DataView(bytes.buffer);
  records.forEach(([kind, lane, argument, time], i) => {
    view.setUint8(i * RECORD_BYTES, kind);
    view.setUint16(i * RECORD_BYTES + 2, lane, true);
    view.setUint32(i * RECORD_BYTES + 4, argument, true);
    if (typeof time === 'bigint') view.setBigInt64(i * RECORD_BYTES + 8, time, true);
    else view.setFloat64(i * RECORD_BYTES + 8, time, true);
  });
  return encodeEvents(bytes, records.length);
}
