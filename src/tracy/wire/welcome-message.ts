/**
 * The 1170-byte packed WelcomeMessage the client sends right after the Welcome status byte
 * (Tracy v0.13.1 TracyProtocol.hpp, struct WelcomeMessage, packed: 1170 bytes).
 */

export const WELCOME_SIZE = 1170;
const PROGRAM_NAME_BYTES = 64;
const HOST_INFO_BYTES = 1024;

export interface WelcomeFields {
  /** Ticks are nanoseconds, so 1.0 (the server computes ns = (tick - initBegin) * timerMul). */
  timerMul: number;
  initBegin: bigint;
  initEnd: bigint;
  resolution: bigint;
  /** Wall-clock seconds; tracy-capture names the capture by it. */
  epoch: bigint;
  pid: number;
  /** CPUArch: 0 unknown, 1 x86, 2 x64, 3 arm32, 4 arm64. */
  cpuArch: number;
  programName: string;
  hostInfo: string;
}

export function encodeWelcome(fields: WelcomeFields): Uint8Array {
  const bytes = new Uint8Array(WELCOME_SIZE);
  const view = new DataView(bytes.buffer);
  view.setFloat64(0, fields.timerMul, true);
  view.setBigInt64(8, fields.initBegin, true);
  view.setBigInt64(16, fields.initEnd, true);
  view.setBigUint64(24, fields.resolution, true);
  view.setBigUint64(32, fields.epoch, true);
  // exectime stays 0: a non-zero one makes the capture ask for source files (Worker::CacheSource).
  view.setBigUint64(48, BigInt(fields.pid), true);
  // samplingPeriod 0; flags 0: not on-demand, no code transfer, no sampling.
  bytes[65] = fields.cpuArch;
  // cpuManufacturer and cpuId stay zero.
  writeNulPadded(bytes, 82, PROGRAM_NAME_BYTES, fields.programName);
  writeNulPadded(bytes, 146, HOST_INFO_BYTES, fields.hostInfo);
  return bytes;
}

/** Writes UTF-8 text cut to whole characters so that at least one NUL byte remains. */
function writeNulPadded(target: Uint8Array, offset: number, size: number, text: string): void {
  const encoded = new TextEncoder().encode(text);
  let length = Math.min(encoded.length, size - 1);
  // Do not leave half of a multi-byte character (continuation bytes are 10xxxxxx).
  while (length > 0 && length < encoded.length && (encoded[length]! & 0xc0) === 0x80) length--;
  target.set(encoded.subarray(0, length), offset);
}

export function cpuArchOf(arch: string): number {
  switch (arch) {
    case 'ia32':
      return 1;
    case 'x64':
      return 2;
    case 'arm':
      return 3;
    case 'arm64':
      return 4;
    default:
      return 0;
  }
}
