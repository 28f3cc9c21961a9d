// Damaged files beyond the committed ones: every truncation of a native, an RLE and two JPEG files
// (baseline through the codec, 12-bit Extended through the core's decoder) is refused with a
// DicomError (never another error, never a decode), and a header whose Rows disagrees with the
// JPEG codestream is refused naming both sizes.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDicomReferences, readDicomFixture } from '../../../test/helpers/dicom-fixtures';
import { loadNodeCodecs } from '../../../test/helpers/node-dicom-codecs';
import type { Codecs } from './codecs';
import { DicomError } from './data-set';
import { readDicom } from './read-dicom';

const references = loadDicomReferences();
let codecs: Codecs = {};

beforeAll(async () => {
  codecs = await loadNodeCodecs();
});

/** Explicit VR little endian (0028,0010) US 2: the Rows element's header bytes. */
const ROWS_HEADER = [0x28, 0x00, 0x10, 0x00, 0x55, 0x53, 0x02, 0x00];

function withRows(bytes: Uint8Array, rows: number): Uint8Array {
  const copy = bytes.slice();
  const at = copy.findIndex((_, i) => ROWS_HEADER.every((b, k) => copy[i + k] === b));
  if (at < 0) throw new Error('no Rows element');
  new DataView(copy.buffer).setUint16(at + 8, rows, true);
  return copy;
}

describe.skipIf(!references)('damaged files', () => {
  it.each([
    'mono2_12bit.dcm',
    'rle_16bit.dcm',
    'jpeg_baseline_8bit.dcm',
    'jpeg_extended_12bit_restart.dcm',
  ])('every truncation of %s is refused with a DicomError', async (name) => {
    const bytes = readDicomFixture(name);
    for (let length = 0; length < bytes.length; length += 7) {
      const outcome = await readDicom(bytes.subarray(0, length), codecs).then(
        () => 'decoded',
        (error: unknown) => (error instanceof DicomError ? 'refused' : String(error)),
      );
      expect(outcome, `cut at ${length} of ${bytes.length}`).toBe('refused');
    }
  });

  it('a JPEG Extended frame header smaller than the DICOM header says is refused with both sizes', async () => {
    const lying = withRows(readDicomFixture('jpeg_extended_12bit.dcm'), 48);
    await expect(readDicom(lying)).rejects.toThrow(
      /Rows × Columns 48 × 32, .* in the header, but the jpeg-extended frame is 24 × 32/,
    );
  });

  it('a JPEG frame smaller than the header says is refused with both sizes', async () => {
    const lying = withRows(readDicomFixture('jpeg_baseline_8bit.dcm'), 48);
    await expect(readDicom(lying, codecs)).rejects.toThrow(
      /Rows × Columns 48 × 32, .* in the header, but the jpeg-baseline frame is 24 × 32/,
    );
  });
});
