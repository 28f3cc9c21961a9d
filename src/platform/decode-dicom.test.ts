// DICOM files through the ingestion decoder in Node (uncompressed and RLE need no WebAssembly):
// 16-bit cache pixels against pydicom's display values, found by marker or by the .dcm name.
import { describe, expect, it } from 'vitest';
import {
  loadDicomReferences,
  maxAbsError,
  readDicomFixture,
} from '../../test/helpers/dicom-fixtures';
import { DecodeError, decodeImageFile } from './decode-image';

const references = loadDicomReferences();
const SETTINGS = { shortSide: 24, bitDepth: 16 } as const; // the fixtures' short side: no resize

describe.skipIf(!references)('decodeImageFile on DICOM', () => {
  it.each([
    ['mono1_12bit_window.dcm', 'scan/mono1'],
    ['rle_16bit.dcm', 'scan/rle.dcm'],
    ['no_preamble.dcm', 'scan/no_preamble.dcm'],
  ])('%s as %s: 16-bit gray within 1/255 of pydicom', async (name, path) => {
    const image = await decodeImageFile(path, new Blob([readDicomFixture(name)]), SETTINGS);
    const expected = references?.images[name]?.display ?? [];
    expect(Object.keys(image).sort()).toEqual(['height', 'pixels', 'width']); // no header field
    expect([image.width, image.height]).toEqual([32, 24]);
    expect(image.pixels).toBeInstanceOf(Uint16Array);
    expect(
      maxAbsError(
        Array.from(image.pixels, (v) => v / 65535),
        expected,
      ),
    ).toBeLessThan(1 / 255);
  });

  it('names the file and readDicom’s reason when it refuses one', async () => {
    const blob = new Blob([readDicomFixture('encapsulated_pdf.dcm')]);
    await expect(decodeImageFile('scan/report.dcm', blob, SETTINGS)).rejects.toThrow(
      new DecodeError(
        'scan/report.dcm',
        'not an image: an encapsulated PDF (SOP Class 1.2.840.10008.5.1.4.1.1.104.1)',
      ),
    );
  });
});
