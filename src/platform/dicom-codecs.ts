// Adapts the DICOM codecs to the core's FrameDecoder registry: the Emscripten builds of
// libjpeg-turbo (8-bit JPEG baseline; JPEG Extended is decoded in the core), CharLS (JPEG-LS) and
// OpenJPEG (JPEG 2000) from @cornerstonejs, and jpeg-lossless-decoder-js (JPEG lossless, process
// 14). Loading the modules is the host's business (load-dicom-codecs.ts in the browser, a test
// helper in Node).
import { Decoder as LosslessDecoder } from 'jpeg-lossless-decoder-js';
import type { Codecs, DecodedFrame, FrameDecoder } from '../core/dicom/codecs';

/** The instantiated WebAssembly modules, each with its decoder class. */
export interface CodecModules {
  jpeg: { JPEGDecoder: new () => EmscriptenDecoder };
  jpegLs: { JpegLSDecoder: new () => EmscriptenDecoder };
  jpeg2000: { J2KDecoder: new () => EmscriptenDecoder };
}

/** Samples of a decoded buffer, copied out (the WebAssembly heap is reused by the next frame). */
function samplesOf(bytes: Uint8Array, bitsPerSample: number, signed: boolean) {
  if (bitsPerSample <= 8) return signed ? new Int8Array(bytes.slice().buffer) : bytes.slice();
  const copy = bytes.slice().buffer;
  return signed ? new Int16Array(copy) : new Uint16Array(copy);
}

/** One decoder instance, reused frame after frame: decode calls are synchronous, never interleaved. */
function wasmDecoder(decoder: EmscriptenDecoder): FrameDecoder {
  return async (encoded) => {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    const info = decoder.getFrameInfo();
    return {
      rows: info.height,
      columns: info.width,
      samplesPerPixel: info.componentCount,
      samples: samplesOf(decoder.getDecodedBuffer(), info.bitsPerSample, info.isSigned),
    };
  };
}

const decodeLossless: FrameDecoder = async (encoded): Promise<DecodedFrame> => {
  const decoder = new LosslessDecoder();
  const copy = encoded.slice().buffer;
  const output = decoder.decompress(copy, 0, copy.byteLength);
  return {
    rows: decoder.yDim,
    columns: decoder.xDim,
    samplesPerPixel: decoder.numComp,
    samples: decoder.numBytes === 1 ? new Uint8Array(output) : new Uint16Array(output),
  };
};

export function codecsFrom(modules: CodecModules): Codecs {
  return {
    'jpeg-baseline': wasmDecoder(new modules.jpeg.JPEGDecoder()),
    'jpeg-lossless': decodeLossless,
    'jpeg-ls': wasmDecoder(new modules.jpegLs.JpegLSDecoder()),
    'jpeg-2000': wasmDecoder(new modules.jpeg2000.J2KDecoder()),
  };
}
