/**
 * The one function of the `lz4js` devDependency the fake capture uses: it decodes a raw LZ4
 * block into `dst` from `dIndex` on, resolving back-references against whatever `dst`
 * already holds before `dIndex` (that is how the capture keeps the streaming dictionary).
 * It returns the index after the last byte written. It checks no bounds; lz4-stream.ts does.
 */
declare module 'lz4js' {
  export function decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
}
