// Decodes one JPEG, PNG or DICOM file to gray cache pixels at the cache resolution. Browser/worker
// only (createImageBitmap, OffscreenCanvas); the resampling helpers are pure, so Node tests them.
import { extension, mayBeDicom } from '../core/data/paths';
import { type DicomIdentify, decodeDicom, hasDicomMarker } from './decode-dicom';
import { jpegSize, refuseOversized } from './image-size';
import { decodePng, isPng, luma, readPngHeader } from './png-decode';

/** How images are stored: the short side in pixels and the integer sample depth. */
export interface DecodeSettings {
  /** The short side after the aspect-preserving resize (a little above the training size). */
  shortSide: number;
  bitDepth: 8 | 16;
}

/** A cached gray image: `pixels` is a Uint8Array at bit depth 8, a Uint16Array at 16. */
export interface CacheImage {
  width: number;
  height: number;
  pixels: Uint8Array | Uint16Array;
}

/** Why one file was skipped; the message names the file. */
export class DecodeError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'DecodeError';
  }
}

/** The cache's short side for training size S: ⌈1.15·S⌉ leaves room for SPEC §4's random crop. */
export function defaultShortSide(trainingSize: number): number {
  return Math.ceil(1.15 * trainingSize);
}

/** Output size with the short side equal to `shortSide`, the aspect ratio kept. */
export function cacheShape(width: number, height: number, shortSide: number) {
  const scale = shortSide / Math.min(width, height);
  return width <= height
    ? { width: shortSide, height: Math.max(1, Math.round(height * scale)) }
    : { width: Math.max(1, Math.round(width * scale)), height: shortSide };
}

/** Per-output-index taps along one axis: exact area coverage when shrinking (a box prefilter, so
 *  1024 → 256 does not alias), bilinear with half-pixel centres when enlarging. */
export function axisTaps(inSize: number, outSize: number): { index: number; weight: number }[][] {
  const scale = inSize / outSize;
  return Array.from({ length: outSize }, (_, o) => {
    if (scale <= 1) {
      const x = Math.min(Math.max((o + 0.5) * scale - 0.5, 0), inSize - 1);
      const i = Math.floor(x);
      const f = x - i;
      return f === 0
        ? [{ index: i, weight: 1 }]
        : [
            { index: i, weight: 1 - f },
            { index: Math.min(i + 1, inSize - 1), weight: f },
          ];
    }
    const start = o * scale;
    const end = start + scale;
    const taps: { index: number; weight: number }[] = [];
    for (let i = Math.floor(start); i < Math.min(Math.ceil(end), inSize); i++) {
      const overlap = Math.min(end, i + 1) - Math.max(start, i);
      if (overlap > 1e-9) taps.push({ index: i, weight: overlap / scale });
    }
    return taps;
  });
}

/** Separable resample of a gray image (rows, then columns, float in between), rounded back to the
 *  input's integer type. */
export function resampleGray(image: CacheImage, width: number, height: number): CacheImage {
  const xTaps = axisTaps(image.width, width);
  const yTaps = axisTaps(image.height, height);
  const rows = new Float32Array(image.height * width); // [inH, outW]
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (const t of xTaps[x] ?? [])
        sum += (image.pixels[y * image.width + t.index] ?? 0) * t.weight;
      rows[y * width + x] = sum;
    }
  }
  const out =
    image.pixels instanceof Uint16Array
      ? new Uint16Array(width * height)
      : new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (const t of yTaps[y] ?? []) sum += (rows[t.index * width + x] ?? 0) * t.weight;
      out[y * width + x] = Math.round(sum);
    }
  }
  return { width, height, pixels: out };
}

/** 8 ↔ 16 bits: ×257 maps 255 to 65535 exactly; ÷257 rounds back. */
export function toBitDepth(image: CacheImage, bitDepth: 8 | 16): CacheImage {
  const is16 = image.pixels instanceof Uint16Array;
  if ((bitDepth === 16) === is16) return image;
  const pixels =
    bitDepth === 16 ? new Uint16Array(image.pixels.length) : new Uint8Array(image.pixels.length);
  const factor = bitDepth === 16 ? 257 : 1 / 257;
  for (let i = 0; i < pixels.length; i++)
    pixels[i] = Math.round((image.pixels[i] as number) * factor);
  return { ...image, pixels };
}

type Kind = 'jpeg' | 'png8' | 'png16' | 'dicom';

/** Where a JPEG's start-of-frame lies: after its APP segments (EXIF ≤ 64 kB, sometimes several). */
const JPEG_HEADER_BYTES = 256 * 1024;

/** Why a file named without an image extension was not decoded: only its first 132 bytes were read. */
const NOT_DICOM =
  'no image extension (.png, .jpg, .jpeg, .dcm) and no DICOM marker ("DICM" at byte 128)';

/** The format from the leading bytes (DICOM also by name: a file without the preamble has no
 *  marker), and a truncation check on the tail; throws the reason. A file without an image
 *  extension is DICOM by its marker or nothing: only its first 132 bytes are read. */
async function sniff(path: string, blob: Blob): Promise<Kind> {
  const head = new Uint8Array(await blob.slice(0, 132).arrayBuffer());
  if (hasDicomMarker(head) || extension(path) === 'dcm') return 'dicom';
  if (mayBeDicom(path)) throw new Error(NOT_DICOM);
  const tail = new Uint8Array(await blob.slice(Math.max(0, blob.size - 4096)).arrayBuffer());
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) {
    const hasEnd = tail.some((b, i) => b === 0xff && tail[i + 1] === 0xd9);
    if (!hasEnd) throw new Error('truncated JPEG (no end-of-image marker)');
    refuseOversized(jpegSize(new Uint8Array(await blob.slice(0, JPEG_HEADER_BYTES).arrayBuffer())));
    return 'jpeg';
  }
  if (isPng(head)) {
    if (!new TextDecoder('latin1').decode(tail.subarray(-12)).includes('IEND')) {
      throw new Error('truncated PNG (the file ends before its IEND chunk)');
    }
    const header = readPngHeader(head);
    refuseOversized(header);
    return header.bitDepth === 16 ? 'png16' : 'png8';
  }
  return Promise.reject(new Error('not a JPEG, PNG or DICOM image'));
}

/** The browser's own decoder (fast, off the JS thread) at full size; gray = BT.601 luma of the
 *  RGB it returns. The resize is ours (resampleGray), so 8- and 16-bit files get the same area
 *  filter: Chromium's 'high' resize quality is sharper than an area mean and rings on edges. */
async function decodeNative(blob: Blob): Promise<CacheImage> {
  const options = { colorSpaceConversion: 'none', premultiplyAlpha: 'none' } as const;
  const bitmap = await createImageBitmap(blob, options).catch(() => {
    throw new Error('the browser cannot decode it (corrupt image data)');
  });
  const { width, height } = bitmap;
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D canvas context to read pixels with');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const rgba = context.getImageData(0, 0, width, height).data;
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    pixels[i] = luma(rgba[4 * i] as number, rgba[4 * i + 1] as number, rgba[4 * i + 2] as number);
  }
  return { width, height, pixels };
}

/** The aspect-preserving resize to the cache's short side (a no-op at that size already). */
function toCacheSize(image: CacheImage, shortSide: number): CacheImage {
  const { width, height } = cacheShape(image.width, image.height, shortSide);
  return width === image.width && height === image.height
    ? image
    : resampleGray(image, width, height);
}

/** One file → gray pixels at the cache resolution and bit depth; a DecodeError names the file
 *  and the reason when it cannot be read. */
export async function decodeImageFile(
  path: string,
  blob: Blob,
  settings: DecodeSettings,
  identify?: DicomIdentify,
): Promise<CacheImage> {
  try {
    const kind = await sniff(path, blob);
    // 16-bit PNGs and DICOM through our decoders, so the extra precision survives the resize.
    const image: CacheImage =
      kind === 'dicom'
        ? await decodeDicom(blob, identify)
        : kind === 'png16'
          ? await decodePng(new Uint8Array(await blob.arrayBuffer()))
          : await decodeNative(blob);
    // Widen before resampling and narrow after, so the area mean is rounded only once.
    return settings.bitDepth === 16
      ? toCacheSize(toBitDepth(image, 16), settings.shortSide)
      : toBitDepth(toCacheSize(image, settings.shortSide), 8);
  } catch (error) {
    throw new DecodeError(path, error instanceof Error ? error.message : String(error));
  }
}
