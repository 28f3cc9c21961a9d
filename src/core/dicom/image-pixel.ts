// The Image Pixel module (PS3.3 C.7.6.3): what the reader needs to turn pixel data into samples,
// checked so that a header that does not fit its own pixel data is refused, not guessed at.
import { type DataSet, DicomError } from './data-set';
import { binary16, decimal, text } from './values';

export interface PixelLayout {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: 8 | 16;
  bitsStored: number;
  signed: boolean;
  /** 1 = colour-by-plane (RRR…GGG…BBB…), 0 = colour-by-pixel (RGBRGB…). */
  planar: boolean;
  photometric: 'MONOCHROME1' | 'MONOCHROME2' | 'RGB';
  frames: number;
}

const TAG = {
  samplesPerPixel: 0x00280002,
  photometric: 0x00280004,
  planarConfiguration: 0x00280006,
  numberOfFrames: 0x00280008,
  rows: 0x00280010,
  columns: 0x00280011,
  bitsAllocated: 0x00280100,
  bitsStored: 0x00280101,
  pixelRepresentation: 0x00280103,
} as const;

function required(set: DataSet, tag: number, name: string): number {
  const value = binary16(set, tag);
  if (value === undefined || value === 0) throw new DicomError(`${name} is missing or zero`);
  return value;
}

function photometricOf(set: DataSet, samplesPerPixel: number): PixelLayout['photometric'] {
  const photometric = text(set, TAG.photometric) ?? '(missing)';
  const expected = photometric === 'RGB' ? 3 : 1;
  if (photometric !== 'MONOCHROME1' && photometric !== 'MONOCHROME2' && photometric !== 'RGB') {
    throw new DicomError(`unsupported Photometric Interpretation ${photometric}`);
  }
  if (samplesPerPixel !== expected) {
    throw new DicomError(`${photometric} with ${samplesPerPixel} samples per pixel`);
  }
  return photometric;
}

export function readPixelLayout(set: DataSet): PixelLayout {
  const samplesPerPixel = binary16(set, TAG.samplesPerPixel) ?? 1;
  const bitsAllocated = required(set, TAG.bitsAllocated, 'Bits Allocated');
  if (bitsAllocated !== 8 && bitsAllocated !== 16) {
    throw new DicomError(`Bits Allocated ${bitsAllocated} is not supported (8 or 16)`);
  }
  const bitsStored = binary16(set, TAG.bitsStored) ?? bitsAllocated;
  if (bitsStored < 1 || bitsStored > bitsAllocated) {
    throw new DicomError(`Bits Stored ${bitsStored} does not fit Bits Allocated ${bitsAllocated}`);
  }
  const frames = decimal(set, TAG.numberOfFrames) ?? 1;
  if (!Number.isInteger(frames) || frames < 1) throw new DicomError(`Number of Frames ${frames}`);
  return {
    rows: required(set, TAG.rows, 'Rows'),
    columns: required(set, TAG.columns, 'Columns'),
    samplesPerPixel,
    bitsAllocated,
    bitsStored,
    signed: binary16(set, TAG.pixelRepresentation) === 1,
    planar: binary16(set, TAG.planarConfiguration) === 1,
    photometric: photometricOf(set, samplesPerPixel),
    frames,
  };
}

/** Bytes of one uncompressed frame. */
export function frameBytes(layout: PixelLayout): number {
  return (layout.rows * layout.columns * layout.samplesPerPixel * layout.bitsAllocated) / 8;
}

export function describeLayout(layout: PixelLayout): string {
  const frames = layout.frames > 1 ? ` × ${layout.frames} frames` : '';
  return `Rows × Columns ${layout.rows} × ${layout.columns}${frames}, ${layout.samplesPerPixel} sample(s) of ${layout.bitsAllocated} bits`;
}
