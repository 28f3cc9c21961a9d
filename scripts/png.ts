// Minimal grayscale PNG encoder (color type 0, 8- or 16-bit) for Node scripts. It uses node:zlib,
// which is why it lives in scripts/ and never in src/core (the core must also run in browsers).

import { deflateSync } from 'node:zlib';
import { concatBytes } from '../src/core/util/bytes';

export interface GrayPixels {
  width: number;
  height: number;
  /** Row-major samples; a Uint16Array is written as 16-bit (big-endian, as PNG stores it). */
  pixels: Uint8Array | Uint16Array;
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const COLOR_TYPE_GRAY = 0;

/** CRC-32 (ISO 3309, polynomial 0xEDB88320), table-driven as in the PNG specification. */
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** length, type, data, CRC over type + data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Every row starts with filter byte 0 (None): zlib alone compresses phantoms well enough. */
function scanlines(image: GrayPixels, bytesPerSample: number): Uint8Array {
  const { width, height, pixels } = image;
  const stride = 1 + width * bytesPerSample;
  const raw = new Uint8Array(stride * height);
  const view = new DataView(raw.buffer);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sample = pixels[y * width + x] as number;
      const at = y * stride + 1 + x * bytesPerSample;
      if (bytesPerSample === 2) view.setUint16(at, sample);
      else raw[at] = sample;
    }
  }
  return raw;
}

export function encodeGrayPng(image: GrayPixels): Uint8Array {
  const { width, height, pixels } = image;
  if (pixels.length !== width * height) {
    throw new Error(`encodeGrayPng: ${pixels.length} samples for ${width}×${height}`);
  }
  const bitDepth = pixels instanceof Uint16Array ? 16 : 8;
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = bitDepth;
  header[9] = COLOR_TYPE_GRAY; // bytes 10–12: deflate, adaptive filtering, no interlace (all 0)
  const parts = [
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines(image, bitDepth / 8))),
    chunk('IEND', new Uint8Array(0)),
  ];
  return concatBytes(parts);
}
