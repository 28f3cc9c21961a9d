// What a DICOM folder's headers add to its label index, without a header field ever reaching the
// page or a checkpoint: a patient grouping for the split (a salted hash of PatientID, made in the
// ingestion worker) and the SOPInstanceUID, by which a label CSV may name its images instead of by
// path. Pure core.
import type { DatasetItem } from './types';

/** Per cached DICOM file (by path): its hashed patient and its SOPInstanceUID. */
export type DicomIdentities = ReadonlyMap<string, { patient: string; sop: string }>;

/**
 * Rows whose path named no file are tried as SOPInstanceUIDs; then every item on a DICOM file is
 * grouped by its hashed PatientID (over the folder-derived patient), so one patient's studies never
 * straddle train and test. Returns the items and the rows still unmatched.
 */
export function applyDicomIdentities(
  resolved: readonly DatasetItem[],
  unmatched: readonly DatasetItem[],
  identities: DicomIdentities,
): { items: DatasetItem[]; missing: string[] } {
  const bySop = new Map([...identities].map(([path, ids]) => [ids.sop, path]));
  const bySopItems = unmatched.flatMap((item) => {
    const path = bySop.get(item.path.trim());
    return path ? [{ ...item, path }] : [];
  });
  const missing = unmatched.filter((item) => !bySop.has(item.path.trim())).map((i) => i.path);
  const items = [...resolved, ...bySopItems].map((item) => {
    const ids = identities.get(item.path);
    return ids ? { ...item, patientId: `dicom:${ids.patient}` } : item;
  });
  return { items, missing };
}
