// Stored samples → display values in 0..1 (0 = black): the Modality LUT's rescale (PS3.3
// C.11.1), then the VOI LUT (C.11.2: the VOI LUT Sequence's first LUT, else the first window,
// else the whole stored range after rescale), then MONOCHROME1's inversion. RGB becomes BT.601
// luma over the stored range, as the PNG/JPEG path's gray does.
import type { PixelLayout } from './image-pixel';

export interface Rescale {
  slope: number;
  intercept: number;
}

export type VoiFunction = 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';

export interface Window {
  center: number;
  width: number;
  fn: VoiFunction;
}

/** A VOI LUT (C.11.2.1.1): input `firstMapped` maps to data[0]; outputs span 0..2^bits − 1. */
export interface Lut {
  firstMapped: number;
  bits: number;
  data: ArrayLike<number>;
}

export interface Voi {
  window?: Window;
  lut?: Lut;
}

/** Stored values with Bits Stored honoured: bits above it masked off, two's complement if signed. */
export function storedValues(words: ArrayLike<number>, bitsStored: number, signed: boolean) {
  const mask = 2 ** bitsStored - 1;
  const signBit = 2 ** (bitsStored - 1);
  const out = new Float32Array(words.length);
  for (let i = 0; i < words.length; i++) {
    const value = (words[i] as number) & mask;
    out[i] = signed && value >= signBit ? value - 2 * signBit : value;
  }
  return out;
}

/** One gray value per pixel: the sample itself, or the luma of an RGB pixel. */
export function grayValues(stored: Float32Array, layout: PixelLayout, planar: boolean) {
  if (layout.samplesPerPixel === 1) return stored;
  const pixels = layout.rows * layout.columns;
  const gray = new Float32Array(pixels);
  // colour-by-pixel: R at 3i; colour-by-plane: R at i, G at i + pixels, B at i + 2·pixels.
  const [step, plane] = planar ? [1, pixels] : [3, 1];
  for (let i = 0; i < pixels; i++) {
    const r = stored[step * i] as number;
    const g = stored[step * i + plane] as number;
    const b = stored[step * i + 2 * plane] as number;
    gray[i] = 0.299 * r + 0.587 * g + 0.114 * b;
  }
  return gray;
}

/** PS3.3 C.11.2.1.2.1 (LINEAR), C.11.2.1.3.2 (LINEAR_EXACT), C.11.2.1.3.1 (SIGMOID) into 0..1. */
function windowed(x: number, { center, width, fn }: Window): number {
  if (fn === 'SIGMOID') return 1 / (1 + Math.exp((-4 * (x - center)) / width));
  const [c, w] = fn === 'LINEAR' ? [center - 0.5, width - 1] : [center, width];
  if (x <= c - w / 2) return 0;
  if (x > c + w / 2) return 1;
  return (x - c) / w + 0.5;
}

function throughLut(x: number, lut: Lut): number {
  const index = Math.min(Math.max(Math.floor(x) - lut.firstMapped, 0), lut.data.length - 1);
  return (lut.data[index] as number) / (2 ** lut.bits - 1);
}

/** The stored range's ends after rescale, low first (a negative slope swaps them). */
function rescaledRange(layout: PixelLayout, { slope, intercept }: Rescale): [number, number] {
  const low = layout.signed ? -(2 ** (layout.bitsStored - 1)) : 0;
  const high = low + 2 ** layout.bitsStored - 1;
  const ends = [low * slope + intercept, high * slope + intercept];
  return [Math.min(...ends), Math.max(...ends)];
}

/** Display values in 0..1 from gray stored values (one per pixel), MONOCHROME1 inverted. */
export function displayValues(gray: Float32Array, layout: PixelLayout, rescale: Rescale, voi: Voi) {
  const out = new Float32Array(gray.length);
  const color = layout.samplesPerPixel > 1;
  const { slope, intercept } = color ? { slope: 1, intercept: 0 } : rescale;
  const [low, high] = rescaledRange(layout, { slope, intercept });
  const invert = layout.photometric === 'MONOCHROME1';
  for (let i = 0; i < gray.length; i++) {
    const x = (gray[i] as number) * slope + intercept;
    let y: number;
    if (!color && voi.lut) y = throughLut(x, voi.lut);
    else if (!color && voi.window) y = windowed(x, voi.window);
    else y = high > low ? (x - low) / (high - low) : 0;
    out[i] = invert ? 1 - y : y;
  }
  return out;
}
