// The compressed fixtures through the codecs the ingest worker uses (loaded in Node here), within
// 1/255 of pydicom's display values of the reference decoders' output (dcmdjpeg, dcmdjpls,
// gdcmconv), and the refusals when a codec is missing.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadDicomReferences,
  maxAbsError,
  readDicomFixture,
} from '../../../test/helpers/dicom-fixtures';
import { loadNodeCodecs } from '../../../test/helpers/node-dicom-codecs';
import type { Codecs } from './codecs';
import { readDicom } from './read-dicom';
import { findTransferSyntax } from './transfer-syntax';

const references = loadDicomReferences();
let codecs: Codecs = {};

beforeAll(async () => {
  codecs = await loadNodeCodecs();
});

/** The files the host's codecs decode (JPEG Extended is the core's own: jpeg-extended.test.ts). */
const compressed = Object.entries(references?.images ?? {}).filter(([, reference]) => {
  const pixels = findTransferSyntax(reference.transferSyntax)?.pixels;
  return pixels !== 'native' && pixels !== 'rle' && pixels !== 'jpeg-extended';
});

describe.skipIf(!references)('codec-compressed DICOM against the reference decoders', () => {
  it.each(compressed)('%s', async (name, reference) => {
    const image = await readDicom(readDicomFixture(name), codecs);
    const error = maxAbsError(image.pixels, reference.display);
    console.log(`${name}: max |Δ| ${(error * 255).toFixed(3)} / 255`);
    expect([image.width, image.height]).toEqual([reference.width, reference.height]);
    expect(error).toBeLessThanOrEqual(1 / 255);
  });

  it('without its codec a compressed file is refused as unsupported', async () => {
    await expect(readDicom(readDicomFixture('jpegls_lossless.dcm'))).rejects.toThrow(
      /unsupported transfer syntax 1\.2\.840\.10008\.1\.2\.4\.80 \(JPEG-LS Lossless\): no jpeg-ls decoder/,
    );
  });
});
