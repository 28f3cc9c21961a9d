// The DICOM fixtures of scripts/fixtures/make_dicom.py: files and pydicom's reference display
// values. Absent fixtures (a checkout without them) make the tests skip with a printed reason.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FIXTURES } from './fixtures';

export const DICOM_FIXTURES = resolve(FIXTURES, 'dicom');

export interface DicomReference {
  width: number;
  height: number;
  frames: number;
  photometric: string;
  bitsStored: number;
  transferSyntax: string;
  patientId: string;
  sopInstanceUid: string;
  /** Row-major display values in 0..1 (the script's docstring has the formula). */
  display: number[];
}

export interface DicomReferences {
  images: Record<string, DicomReference>;
  /** File → a pattern the refusal's message must match. */
  refused: Record<string, string>;
  /** Lossy file → its uncompressed source, for the "close to the original" check. */
  lossySources: Record<string, string>;
}

export function loadDicomReferences(): DicomReferences | undefined {
  const path = resolve(DICOM_FIXTURES, 'reference.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as DicomReferences;
  console.warn(
    `skipping: ${path} is missing (run /usr/bin/python3 scripts/fixtures/make_dicom.py)`,
  );
  return undefined;
}

export function readDicomFixture(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(resolve(DICOM_FIXTURES, name)));
}

/** The largest |actual − expected| over the pixels. */
export function maxAbsError(actual: ArrayLike<number>, expected: readonly number[]): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs((actual[i] ?? Number.NaN) - (expected[i] as number)));
  }
  return Number.isNaN(worst) ? Number.POSITIVE_INFINITY : worst;
}
