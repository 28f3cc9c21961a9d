// A DICOM file → the cache's gray image. Only the display values and the size go into the image;
// PatientID and SOPInstanceUID go to the `identify` callback alone, which the ingestion worker
// hashes (the patient) before anything is stored: no other header field (names, dates) is kept,
// so none reaches the cache, a checkpoint, an export or a model card.
import { readDicom } from '../core/dicom/read-dicom';
import type { CacheImage } from './decode-image';
import { BROWSER_CODECS } from './load-dicom-codecs';

/** Receives a decoded file's PatientID and SOPInstanceUID ('' when absent). */
export type DicomIdentify = (ids: { patientId: string; sopInstanceUid: string }) => void;

/** "DICM" at byte 128: a Part 10 file whatever its name. */
export function hasDicomMarker(head: Uint8Array): boolean {
  return String.fromCharCode(...head.subarray(128, 132)) === 'DICM';
}

/** Display values (0..1) as 16-bit gray, so 12- and 16-bit files keep their precision until the
 *  cache narrows them to its own bit depth. */
export async function decodeDicom(
  blob: Blob,
  identify: DicomIdentify = () => {},
): Promise<CacheImage> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const { width, height, pixels, patientId, sopInstanceUid } = await readDicom(
    bytes,
    BROWSER_CODECS,
  );
  identify({ patientId: patientId ?? '', sopInstanceUid: sopInstanceUid ?? '' });
  const gray = new Uint16Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) gray[i] = Math.round((pixels[i] as number) * 65535);
  return { width, height, pixels: gray };
}
