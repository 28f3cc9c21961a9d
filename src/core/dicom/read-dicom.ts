// readDicom: one DICOM file's first frame as display values in 0..1, and the few header fields
// the studio uses (the patient, for splits; the rest for messages). Everything else of the header
// stays here: the caller gets no data set.
import type { Codecs } from './codecs';
import { DicomError, PIXEL_DATA, tagName } from './data-set';
import { displayValues, grayValues, storedValues } from './display';
import { readDicomFile } from './file';
import { firstFrame } from './frame';
import { readPixelLayout } from './image-pixel';
import { refuseNonImage } from './sop-class';
import { text } from './values';
import { readRescale, readVoi } from './voi';

export interface DicomImage {
  width: number;
  height: number;
  /** [height, width] row-major display values after Modality and VOI LUT: 0 = black, 1 = white
   *  (MONOCHROME1 already inverted). */
  pixels: Float32Array;
  photometric: string;
  bitsStored: number;
  /** The transfer syntax UID. */
  transferSyntax: string;
  /** How many frames the file holds; only the first is decoded. */
  frames: number;
  patientId?: string;
  sopInstanceUid?: string;
}

const PATIENT_ID = 0x00100020;
const SOP_INSTANCE_UID = 0x00080018;

async function decode(bytes: Uint8Array, codecs: Codecs): Promise<DicomImage> {
  const { syntax, dataSet } = await readDicomFile(bytes);
  refuseNonImage(dataSet);
  const pixelData = dataSet.elements.get(PIXEL_DATA);
  if (!pixelData) throw new DicomError(`no pixel data ${tagName(PIXEL_DATA)}`);
  const layout = readPixelLayout(dataSet);
  const rescale = readRescale(dataSet);
  const voi = readVoi(dataSet, layout.signed);
  const { samples, planar } = await firstFrame(pixelData, layout, syntax, codecs);
  const stored = storedValues(samples, layout.bitsStored, layout.signed);
  const pixels = displayValues(grayValues(stored, layout, planar), layout, rescale, voi);
  return {
    width: layout.columns,
    height: layout.rows,
    pixels,
    photometric: layout.photometric,
    bitsStored: layout.bitsStored,
    transferSyntax: syntax.uid,
    frames: layout.frames,
    patientId: text(dataSet, PATIENT_ID),
    sopInstanceUid: text(dataSet, SOP_INSTANCE_UID),
  };
}

/**
 * Decodes a DICOM Part 10 file (or a bare data set) to display values. Compressed syntaxes other
 * than RLE need their decoder in `codecs`. Throws a DicomError naming the problem for anything it
 * cannot decode: a non-image, no pixel data, an unsupported syntax, truncation, a lying header.
 */
export async function readDicom(bytes: Uint8Array, codecs: Codecs = {}): Promise<DicomImage> {
  try {
    return await decode(bytes, codecs);
  } catch (error) {
    if (error instanceof DicomError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DicomError(`the file could not be decoded: ${reason}`);
  }
}
