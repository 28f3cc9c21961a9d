// Types for the DICOM codec packages, which ship none: the Emscripten module factories of
// @cornerstonejs/codec-* (decode-only builds) and jpeg-lossless-decoder-js, as far as used.

interface EmscriptenFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

/** The decoder classes of the three WebAssembly codecs share this shape. */
interface EmscriptenDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): EmscriptenFrameInfo;
  getDecodedBuffer(): Uint8Array;
}

type EmscriptenFactory<M> = (options?: { locateFile?: (file: string) => string }) => Promise<M>;

declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: EmscriptenFactory<{ JPEGDecoder: new () => EmscriptenDecoder }>;
  export default factory;
}
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: EmscriptenFactory<{ JpegLSDecoder: new () => EmscriptenDecoder }>;
  export default factory;
}
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: EmscriptenFactory<{ J2KDecoder: new () => EmscriptenDecoder }>;
  export default factory;
}
declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    xDim: number;
    yDim: number;
    numComp: number;
    numBytes: number;
    decompress(buffer: ArrayBuffer, offset?: number, length?: number): ArrayBuffer;
  }
}
