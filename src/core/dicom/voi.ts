// The rescale and VOI attributes (PS3.3 C.11.1, C.11.2) read from the data set. A window the
// standard calls invalid (LINEAR width < 1, others ≤ 0) is left out, so the full range shows.
import { type DataSet, DicomError } from './data-set';
import type { Lut, Rescale, Voi, VoiFunction, Window } from './display';
import { binary16, decimal, text } from './values';

const TAG = {
  windowCenter: 0x00281050,
  windowWidth: 0x00281051,
  rescaleIntercept: 0x00281052,
  rescaleSlope: 0x00281053,
  voiLutFunction: 0x00281056,
  modalityLutSequence: 0x00283000,
  voiLutSequence: 0x00283010,
  lutDescriptor: 0x00283002,
  lutData: 0x00283006,
} as const;

export function readRescale(set: DataSet): Rescale {
  if (set.elements.get(TAG.modalityLutSequence)?.items?.length) {
    throw new DicomError('a Modality LUT Sequence (0028,3000) is not supported');
  }
  return {
    slope: decimal(set, TAG.rescaleSlope) ?? 1,
    intercept: decimal(set, TAG.rescaleIntercept) ?? 0,
  };
}

function readWindow(set: DataSet): Window | undefined {
  const center = decimal(set, TAG.windowCenter);
  const width = decimal(set, TAG.windowWidth);
  const fn = (text(set, TAG.voiLutFunction) ?? 'LINEAR').toUpperCase();
  if (center === undefined || width === undefined) return undefined;
  if (fn !== 'LINEAR' && fn !== 'LINEAR_EXACT' && fn !== 'SIGMOID') {
    throw new DicomError(`unsupported VOI LUT Function ${fn}`);
  }
  const valid = fn === 'LINEAR' ? width >= 1 : width > 0;
  return valid ? { center, width, fn: fn as VoiFunction } : undefined;
}

/** The first item's LUT; its data are 16-bit words (US or OW), the common encoding. */
function readLut(item: DataSet, signedInput: boolean): Lut {
  const entries = binary16(item, TAG.lutDescriptor, 0);
  const firstMapped = binary16(item, TAG.lutDescriptor, 1, signedInput);
  const bits = binary16(item, TAG.lutDescriptor, 2);
  const data = item.elements.get(TAG.lutData)?.value;
  if (entries === undefined || firstMapped === undefined || bits === undefined || !data) {
    throw new DicomError('the VOI LUT Sequence item lacks its LUT Descriptor or LUT Data');
  }
  const count = entries === 0 ? 65536 : entries; // 0 means 2^16 (C.11.1.1.1)
  if (data.length < 2 * count)
    throw new DicomError(`the VOI LUT holds fewer than ${count} entries`);
  const lut = Array.from({ length: count }, (_, i) => binary16(item, TAG.lutData, i) as number);
  return { firstMapped, bits, data: lut };
}

export function readVoi(set: DataSet, signedInput: boolean): Voi {
  const item = set.elements.get(TAG.voiLutSequence)?.items?.[0];
  return { window: readWindow(set), lut: item ? readLut(item, signedInput) : undefined };
}
