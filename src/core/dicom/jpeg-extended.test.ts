// JPEG Extended (1.2.840.10008.1.2.4.51) through the core's own decoder: 12-bit files from dcmtk
// and libjpeg (odd sizes, restart intervals), 8-bit gray and RGB ones, against pydicom's display
// values of GDCM's decode (cross-checked with dcmdjpeg by make_dicom.py); each lossy result against
// its uncompressed source; dcmtk's 8-bit baseline stream read as JPEG Extended.
import { describe, expect, it } from 'vitest';
import {
  loadDicomReferences,
  maxAbsError,
  readDicomFixture,
} from '../../../test/helpers/dicom-fixtures';
import { readDicom } from './read-dicom';

const references = loadDicomReferences();
/** 1/255, plus the 5e-7 by which reference.json rounds its values to six decimals. */
const TOLERANCE = 1 / 255 + 1e-6;
const EXTENDED = '1.2.840.10008.1.2.4.51';

/** T.81 leaves upsampling to the decoder: IJG (in GDCM) interpolates subsampled components, we
 *  repeat them, so this file is checked against its source and GDCM's error there instead. */
const SUBSAMPLED = 'jpeg_extended_rgb_420.dcm';

const extended = Object.entries(references?.images ?? {}).filter(
  ([name, reference]) => reference.transferSyntax === EXTENDED && name !== SUBSAMPLED,
);

/** Largest and mean |Δ| a lossy file may show against its source, display values in 0..1. At
 *  quality 85–90 (measured, ours and GDCM alike): 12-bit 0.44 % max, 0.12 % mean; 8-bit gray with
 *  noise 6.3 %, 1.2 %; RGB 3.6 %, 0.8 %; RGB with halved chroma 14.6 % (GDCM 9.8 %), 1.8 %. A wrong
 *  IDCT, table or block order is far off. */
const LOSSY_LIMITS: Record<string, { max: number; mean: number }> = {
  'jpeg_extended_12bit_restart.dcm': { max: 0.01, mean: 0.002 },
  'jpeg_extended_8bit_restart.dcm': { max: 0.08, mean: 0.02 },
  'jpeg_extended_rgb.dcm': { max: 0.05, mean: 0.01 },
  [SUBSAMPLED]: { max: 0.2, mean: 0.025 },
};

function meanAbsError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] as number) - (b[i] as number));
  return sum / a.length;
}

/** The file with its transfer syntax UID replaced by another of the same length. */
function relabelled(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const text = new TextDecoder('latin1').decode(bytes);
  const at = text.indexOf(from);
  if (at < 0 || from.length !== to.length) throw new Error(`no ${from} to relabel`);
  const copy = bytes.slice();
  copy.set(new TextEncoder().encode(to), at);
  return copy;
}

describe.skipIf(!references)('JPEG Extended in the core', () => {
  it('has 12-bit, 8-bit and RGB fixtures', () => {
    const kinds = extended.map(([, r]) => `${r.photometric} ${r.bitsStored}`).sort();
    expect(kinds).toEqual(['MONOCHROME2 12', 'MONOCHROME2 12', 'MONOCHROME2 8', 'RGB 8']);
  });

  it.each(extended)('%s against pydicom (GDCM)', async (name, reference) => {
    const image = await readDicom(readDicomFixture(name));
    const error = maxAbsError(image.pixels, reference.display);
    console.log(`${name}: max |Δ| ${(error * 255).toFixed(3)} / 255`);
    expect([image.width, image.height, image.bitsStored]).toEqual([
      reference.width,
      reference.height,
      reference.bitsStored,
    ]);
    expect(image.transferSyntax).toBe(EXTENDED);
    expect(error).toBeLessThanOrEqual(TOLERANCE);
  });

  it.each(
    Object.entries(LOSSY_LIMITS),
  )('%s stays close to its uncompressed source', async (name, limit) => {
    const source = references?.lossySources[name] as string;
    const [lossy, original] = await Promise.all(
      [name, source].map((file) => readDicom(readDicomFixture(file))),
    );
    const [a, b] = [lossy?.pixels as Float32Array, original?.pixels as Float32Array];
    expect(maxAbsError(a, Array.from(b))).toBeLessThanOrEqual(limit.max);
    expect(meanAbsError(a, b)).toBeLessThanOrEqual(limit.mean);
  });

  it('repeating halved chroma is as close to the source as GDCM interpolating it, on average', async () => {
    const source = references?.images[references.lossySources[SUBSAMPLED] as string]?.display ?? [];
    const ours = await readDicom(readDicomFixture(SUBSAMPLED));
    const gdcm = references?.images[SUBSAMPLED]?.display ?? [];
    expect(meanAbsError(ours.pixels, source)).toBeLessThanOrEqual(
      1.05 * meanAbsError(gdcm, source),
    );
  });

  it("reads dcmtk's baseline (SOF0, 8-bit) stream as JPEG Extended", async () => {
    const bytes = relabelled(readDicomFixture('jpeg_baseline_8bit.dcm'), '4.50', '4.51');
    const image = await readDicom(bytes);
    const reference = references?.images['jpeg_baseline_8bit.dcm'];
    expect(maxAbsError(image.pixels, reference?.display ?? [])).toBeLessThanOrEqual(TOLERANCE);
  });
});
