/** The 1170-byte WelcomeMessage as the capture reads it (Tracy v0.13.1 TracyProtocol.hpp, struct WelcomeMessage). */

export const WELCOME_SIZE = 1170;

export interface Welcome {
  timerMul: number;
  initBegin: bigint;
  initEnd: bigint;
  resolution: bigint;
  epoch: bigint;
  exectime: bigint;
  pid: bigint;
  samplingPeriod: bigint;
  flags: number;
  cpuArch: number;
  cpuManufacturer: string;
  cpuId: number;
  programName: string;
  hostInfo: string;
}

const text = (bytes: Uint8Array): string => {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
};

export function parseWelcome(bytes: Uint8Array): Welcome {
  if (bytes.length !== WELCOME_SIZE) throw new Error(`WelcomeMessage must be ${WELCOME_SIZE} bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    timerMul: view.getFloat64(0, true),
    initBegin: view.getBigInt64(8, true),
    initEnd: view.getBigInt64(16, true),
    resolution: view.getBigUint64(24, true),
    epoch: view.getBigUint64(32, true),
    exectime: view.getBigUint64(40, true),
    pid: view.getBigUint64(48, true),
    samplingPeriod: view.getBigInt64(56, true),
    flags: bytes[64]!,
    cpuArch: bytes[65]!,
    cpuManufacturer: text(bytes.subarray(66, 78)),
    cpuId: view.getUint32(78, true),
    programName: text(bytes.subarray(82, 146)),
    hostInfo: text(bytes.subarray(146, 1170)),
  };
}
