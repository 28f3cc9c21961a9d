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

/** Files no loaded codec decodes, with their refusal (the reference is kept for a later codec). */
const NO_DECODER: Record<string, RegExp> = {
  'jpeg_extended_12bit.dcm':
    /unsupported transfer syntax 1\.2\.840\.10008\.1\.2\.4\.51 \(JPEG Extended \(Process 2 & 4\)\): no jpeg-12bit decoder loaded/,
};

const compressed = Object.entries(references?.images ?? {}).filter(([name, reference]) => {
  const pixels = findTransferSyntax(reference.transferSyntax)?.pixels;
  return pixels !== 'native' && pixels !== 'rle' && !(name in NO_DECODER);
});

describe.skipIf(!references)('codec-compressed DICOM against the reference decoders', () => {
  it.each(compressed)('%s', async (name, reference) => {
    const image = await readDicom(readDicomFixture(name), codecs);
    const error = maxAbsError(image.pixels, reference.display);
    console.log(`${name}: max |Δ| ${(error * 255).toFixed(3)} / 255`);
    expect([image.width, image.height]).toEqual([reference.width, reference.height]);
    expect(error).toBeLessThanOrEqual(1 / 255);
  });

  it.each(Object.entries(NO_DECODER))('refuses %s', async (name, message) => {
    await expect(readDicom(readDicomFixture(name), codecs)).rejects.toThrow(message);
  });

  it('without its codec a compressed file is refused as unsupported', async () => {
    await expect(readDicom(readDicomFixture('jpegls_lossless.dcm'))).rejects.toThrow(
      /unsupported transfer syntax 1\.2\.840\.10008\.1\.2\.4\.80 \(JPEG-LS Lossless\): no jpeg-ls decoder/,
    );
  });
});
