// Files that are DICOM but not images (PS3.4 B.5): named, so that their refusal says what they are
// rather than only that pixel data is missing.
import { type DataSet, DicomError } from './data-set';
import { text } from './values';

const SOP_CLASS_UID = 0x00080016;

/** By UID prefix, most specific first. */
const NON_IMAGE: [string, string][] = [
  ['1.2.840.10008.5.1.4.1.1.104.1', 'an encapsulated PDF'],
  ['1.2.840.10008.5.1.4.1.1.104.2', 'an encapsulated CDA document'],
  ['1.2.840.10008.5.1.4.1.1.104.', 'an encapsulated 3D model'],
  ['1.2.840.10008.5.1.4.1.1.88.59', 'a key object selection'],
  ['1.2.840.10008.5.1.4.1.1.88.', 'a structured report'],
  ['1.2.840.10008.5.1.4.1.1.11.', 'a presentation state'],
  ['1.2.840.10008.5.1.4.1.1.9.', 'a waveform'],
];

/** Throws for a known non-image SOP class, naming it and its UID. */
export function refuseNonImage(set: DataSet): void {
  const uid = text(set, SOP_CLASS_UID);
  if (uid === undefined) return;
  const match = NON_IMAGE.find(([prefix]) => uid === prefix || uid.startsWith(prefix));
  if (match) throw new DicomError(`not an image: ${match[1]} (SOP Class ${uid})`);
}
