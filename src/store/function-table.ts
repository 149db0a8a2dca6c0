import type { Metadata } from 'h5wasm/node';
import type { FunctionStat } from '../model/function-stat.js';
import { compoundReader, packRows, type FieldSpec, type PackedRows } from './compound-rows.js';

/**
 * A cpuprofile dataset in the original tool's cProfile record layout: file S256,
 * line_number int32, function S128, call_count, total_time (self s), cumulative_time
 * (inclusive s). call_count holds V8 sample counts, int64 rather than the original tool's int32.
 */
const FUNCTION_FIELDS: ReadonlyArray<FieldSpec<FunctionStat>> = [
  { name: 'file', kind: 'string', minBytes: 256, value: (stat) => stat.file },
  { name: 'line_number', kind: 'int32', value: (stat) => stat.line },
  { name: 'function', kind: 'string', minBytes: 128, value: (stat) => stat.functionName },
  { name: 'call_count', kind: 'int64', value: (stat) => stat.samples },
  { name: 'total_time', kind: 'float64', value: (stat) => stat.selfSeconds },
  { name: 'cumulative_time', kind: 'float64', value: (stat) => stat.totalSeconds },
];

export function packFunctions(functions: readonly FunctionStat[]): PackedRows {
  return packRows(functions, FUNCTION_FIELDS);
}

export function decodeFunctionRows(bytes: Uint8Array, metadata: Metadata, where: string): FunctionStat[] {
  const field = compoundReader(bytes, metadata, where);
  const file = field('file');
  const line = field('line_number');
  const functionName = field('function');
  const samples = field('call_count');
  const selfSeconds = field('total_time');
  const totalSeconds = field('cumulative_time');
  return Array.from({ length: metadata.total_size }, (_, row) => ({
    functionName: functionName(row) as string,
    file: file(row) as string,
    line: line(row) as number,
    samples: samples(row) as number,
    selfSeconds: selfSeconds(row) as number,
    totalSeconds: totalSeconds(row) as number,
  }));
}
