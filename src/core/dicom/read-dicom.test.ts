// readDicom against pydicom on the committed fixtures (scripts/fixtures/make_dicom.py): every
// uncompressed and RLE file within 1/255 of pydicom's display values, MONOCHROME1 as the inverse
// of MONOCHROME2, and each refusal's message.
import { describe, expect, it } from 'vitest';
import {
  loadDicomReferences,
  maxAbsError,
  readDicomFixture,
} from '../../../test/helpers/dicom-fixtures';
import { readDicom } from './read-dicom';
import { findTransferSyntax } from './transfer-syntax';

const references = loadDicomReferences();
const TOLERANCE = 1 / 255;

/** Files the core decodes alone (native and RLE); the codec ones are in codecs.test.ts. */
const coreOnly = Object.entries(references?.images ?? {}).filter(([, reference]) => {
  const pixels = findTransferSyntax(reference.transferSyntax)?.pixels;
  return pixels === 'native' || pixels === 'rle';
});

describe.skipIf(!references)('readDicom against pydicom', () => {
  it.each(coreOnly)('%s', async (name, reference) => {
    const image = await readDicom(readDicomFixture(name));
    const { display, ...header } = reference;
    expect({
      width: image.width,
      height: image.height,
      frames: image.frames,
      photometric: image.photometric,
      bitsStored: image.bitsStored,
      transferSyntax: image.transferSyntax,
      patientId: image.patientId,
      sopInstanceUid: image.sopInstanceUid,
    }).toEqual(header);
    expect(image.pixels).toHaveLength(display.length);
    expect(maxAbsError(image.pixels, display)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('MONOCHROME1 is 1 − MONOCHROME2 for the same stored values', async () => {
    for (const suffix of ['', '_window']) {
      const two = await readDicom(readDicomFixture(`mono2_12bit${suffix}.dcm`));
      const one = await readDicom(readDicomFixture(`mono1_12bit${suffix}.dcm`));
      expect(
        maxAbsError(
          one.pixels,
          Array.from(two.pixels, (v) => 1 - v),
        ),
      ).toBeLessThan(1e-6);
    }
  });

  it.each(Object.entries(references?.refused ?? {}))('refuses %s', async (name, pattern) => {
    await expect(readDicom(readDicomFixture(name))).rejects.toThrow(new RegExp(pattern));
  });
});
