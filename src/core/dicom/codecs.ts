// The codec registry: how the core asks for a compressed frame to be decoded without loading any
// decoder itself. The WebAssembly codecs are loaded by the host (the ingest worker through
// src/platform, the Node tests through a helper) and passed to readDicom.
import type { CodecName } from './transfer-syntax';

/** What the file says about the frame, for decoders that need it (JPEG-LS signedness, say). */
export interface FrameInfo {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  signed: boolean;
}

/** A decoded frame: its size as the codestream says, and its samples pixel-interleaved. */
export interface DecodedFrame {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  samples: ArrayLike<number>;
}

export type FrameDecoder = (encoded: Uint8Array, info: FrameInfo) => Promise<DecodedFrame>;

/** The decoders a host provides; a syntax whose codec is missing is refused as unsupported. */
export type Codecs = Partial<Record<CodecName, FrameDecoder>>;
