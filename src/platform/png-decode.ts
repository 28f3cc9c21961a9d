// A PNG decoder to gray that keeps 16-bit samples (canvas decoding rounds them to 8 bits). Uses
// only the global DecompressionStream (workers, Chromium, Node ≥ 18): no DOM, no tfjs.
import { concatBytes } from '../core/util/bytes';

/** A decoded gray image: 8-bit samples in a Uint8Array, 16-bit in a Uint16Array, row-major. */
export interface DecodedGray {
  width: number;
  height: number;
  bitDepth: 8 | 16;
  pixels: Uint8Array | Uint16Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Samples per pixel by colour type: gray, RGB, palette, gray+alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

export function isPng(bytes: Uint8Array): boolean {
  return SIGNATURE.every((b, i) => bytes[i] === b);
}

/** The IHDR fields; throws on a file that is not a PNG. */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  if (!isPng(bytes)) throw new Error('not a PNG (bad signature)');
  if (bytes.length < 33) throw new Error('truncated PNG (no complete header)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    width: view.getUint32(16),
    height: view.getUint32(20),
    bitDepth: bytes[24] as number,
    colorType: bytes[25] as number,
    interlaced: bytes[28] === 1,
  };
}

/** Concatenated IDAT data and the palette; throws when a chunk runs past the end or IEND is
 *  missing (a truncated download). */
function readChunks(bytes: Uint8Array): { idat: Uint8Array; palette: Uint8Array | null } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let palette: Uint8Array | null = null;
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (end > bytes.length) break;
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IDAT') parts.push(data);
    else if (type === 'PLTE') palette = data;
    else if (type === 'IEND') return { idat: concatBytes(parts), palette };
    at = end;
  }
  throw new Error('truncated PNG (the file ends before its IEND chunk)');
}

/** zlib inflate through the platform's DecompressionStream. */
async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('deflate'));
  try {
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    throw new Error('corrupt PNG (its compressed image data does not inflate)');
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes the per-row filters in place; returns the rows without their filter bytes. */
function unfilter(raw: Uint8Array, rows: number, rowBytes: number, bpp: number): Uint8Array {
  const out = new Uint8Array(rows * rowBytes);
  for (let y = 0; y < rows; y++) {
    const filter = raw[y * (rowBytes + 1)] as number;
    const src = raw.subarray(y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1));
    const row = y * rowBytes;
    for (let x = 0; x < rowBytes; x++) {
      const a = x >= bpp ? (out[row + x - bpp] as number) : 0;
      const b = y > 0 ? (out[row - rowBytes + x] as number) : 0;
      const c = x >= bpp && y > 0 ? (out[row - rowBytes + x - bpp] as number) : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predictor === undefined) throw new Error(`corrupt PNG (unknown row filter ${filter})`);
      out[row + x] = ((src[x] as number) + predictor) & 0xff;
    }
  }
  return out;
}

/** Gray from RGB by ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B, as PIL's convert('L')); for
 *  X-rays the three channels are equal, so this is the common value. */
export function luma(r: number, g: number, b: number): number {
  return Math.round(0.299 * r + 0.587 * g + 0.114 * b);
}

/** The sample reader of one channel at (row, sample index), in the file's bit depth. */
function sampleReader(data: Uint8Array, rowBytes: number, depth: number) {
  return (y: number, i: number): number => {
    const row = y * rowBytes;
    if (depth === 16)
      return ((data[row + 2 * i] as number) << 8) | (data[row + 2 * i + 1] as number);
    if (depth === 8) return data[row + i] as number;
    const perByte = 8 / depth;
    const byte = data[row + Math.floor(i / perByte)] as number;
    const shift = 8 - depth * ((i % perByte) + 1);
    return (byte >> shift) & ((1 << depth) - 1);
  };
}

function toGray(header: PngHeader, data: Uint8Array, palette: Uint8Array | null): DecodedGray {
  const { width, height, bitDepth, colorType } = header;
  const channels = CHANNELS[colorType] as number;
  const rowBytes = Math.ceil((width * channels * bitDepth) / 8);
  const read = sampleReader(data, rowBytes, bitDepth);
  const out = bitDepth === 16 ? new Uint16Array(width * height) : new Uint8Array(width * height);
  const scale = colorType === 3 || bitDepth >= 8 ? 1 : 255 / ((1 << bitDepth) - 1);
  if (colorType === 3 && !palette) throw new Error('corrupt PNG (palette image without PLTE)');
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = x * channels;
      let value: number;
      if (colorType === 3) {
        const p = 3 * read(y, s);
        value = luma(palette?.[p] ?? 0, palette?.[p + 1] ?? 0, palette?.[p + 2] ?? 0);
      } else if (channels >= 3) value = luma(read(y, s), read(y, s + 1), read(y, s + 2));
      else value = Math.round(read(y, s) * scale); // gray (alpha, if any, is ignored)
      out[y * width + x] = value;
    }
  }
  return { width, height, bitDepth: bitDepth === 16 ? 16 : 8, pixels: out };
}

/** Decodes a PNG to gray: 16-bit files stay 16-bit, 1/2/4-bit gray is scaled to 8 bits, palette
 *  and colour images go through luma; alpha is ignored. Interlaced files are refused. */
export async function decodePng(bytes: Uint8Array): Promise<DecodedGray> {
  const header = readPngHeader(bytes);
  const channels = CHANNELS[header.colorType];
  if (channels === undefined || ![1, 2, 4, 8, 16].includes(header.bitDepth)) {
    throw new Error(`corrupt PNG (colour type ${header.colorType}, bit depth ${header.bitDepth})`);
  }
  if (header.interlaced) throw new Error('interlaced (Adam7) PNGs are not supported');
  const { idat, palette } = readChunks(bytes);
  const raw = await inflate(idat);
  const rowBytes = Math.ceil((header.width * channels * header.bitDepth) / 8);
  if (raw.length < header.height * (rowBytes + 1)) {
    throw new Error('truncated PNG (less image data than its header announces)');
  }
  const bpp = Math.max(1, (channels * header.bitDepth) / 8);
  return toGray(header, unfilter(raw, header.height, rowBytes, bpp), palette);
}
