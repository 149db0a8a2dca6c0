import { EventKind, RECORD_BYTES, encodeEvents, writeRecord } from '../../src/transport/event-stream.js';

/** One record as the worker's Recorder writes it; a number time is the f64 of a PlotValue. */
export type WorkerRecord = [kind: number, lane: number, argument: number, time: bigint | number];

/** An events frame of the worker→collector stream, built record by record. */
export function eventsFrame(records: WorkerRecord[]): Uint8Array {
  const bytes = new Uint8Array(records.length * RECORD_BYTES);
  const view = new DataView(bytes.buffer);
  records.forEach(([kind, lane, argument, time], i) => {
    const plotValue = kind === EventKind.PlotValue;
    writeRecord(view, i, {
      kind,
      lane,
      argument,
      ...(plotValue ? { value: Number(time) } : { time: BigInt(time) }),
    });
  });
  return encodeEvents(bytes, records.length);
}
