// The pure parts of decoding, in Node: the aspect-preserving cache shape, the area resample against
// numpy's coverage matrices (scripts/fixtures/gen_png_fixtures.py) and an exact 4×4 mean, bit depths.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../test/helpers/fixtures';
import {
  axisTaps,
  cacheShape,
  DecodeError,
  decodeImageFile,
  defaultShortSide,
  resampleGray,
  toBitDepth,
} from './decode-image';
import { decodePng } from './png-decode';

const DIR = resolve(FIXTURES, 'data', 'png');

/** A Blob that records the byte ranges sliced from it. */
class ReadRecordingBlob extends Blob {
  readonly read: [number, number][] = [];
  override slice(start = 0, end = this.size): Blob {
    this.read.push([start, end]);
    return super.slice(start, end);
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    this.read.push([0, this.size]);
    return super.arrayBuffer();
  }
}

describe('cache shape', () => {
  it('sets the short side and keeps the aspect ratio', () => {
    expect(cacheShape(1024, 1024, 256)).toEqual({ width: 256, height: 256 });
    expect(cacheShape(2048, 1536, 295)).toEqual({ width: 393, height: 295 });
    expect(cacheShape(390, 320, 320)).toEqual({ width: 390, height: 320 });
    expect(cacheShape(300, 900, 100)).toEqual({ width: 100, height: 300 });
    expect(defaultShortSide(224)).toBe(258);
  });
});

describe('area resample', () => {
  it('tap weights sum to one, shrinking and enlarging', () => {
    for (const [from, to] of [
      [37, 16],
      [1024, 256],
      [10, 23],
    ] as const) {
      for (const taps of axisTaps(from, to)) {
        expect(taps.reduce((sum, t) => sum + t.weight, 0)).toBeCloseTo(1, 9);
      }
    }
  });

  it('1024 → 256 is the exact mean of each 4×4 block', () => {
    const pixels = Uint16Array.from({ length: 1024 * 1024 }, (_, i) => (i * 7919) % 65536);
    const out = resampleGray({ width: 1024, height: 1024, pixels }, 256, 256);
    for (const [y, x] of [
      [0, 0],
      [17, 200],
      [255, 255],
    ] as const) {
      let sum = 0;
      for (let dy = 0; dy < 4; dy++) {
        for (let dx = 0; dx < 4; dx++) sum += pixels[(4 * y + dy) * 1024 + 4 * x + dx] as number;
      }
      expect(out.pixels[y * 256 + x]).toBe(Math.round(sum / 16));
    }
  });

  it('matches exact area coverage (numpy) on a 37×23 → 16×10 16-bit image (within rounding)', async () => {
    const source = await decodePng(new Uint8Array(readFileSync(resolve(DIR, 'area16.png'))));
    const want = JSON.parse(readFileSync(resolve(DIR, 'area16-resized.json'), 'utf8')) as {
      pixels: number[];
    };
    const got = resampleGray(source, 16, 10);
    const worst = Math.max(...want.pixels.map((v, i) => Math.abs((got.pixels[i] ?? 0) - v)));
    expect(worst).toBeLessThanOrEqual(0.5 + 0.02);
  });
});

describe('bit depth and errors', () => {
  it('converts 8 ↔ 16 bits losslessly for 8-bit values', () => {
    const image = { width: 3, height: 1, pixels: Uint8Array.of(0, 128, 255) };
    const wide = toBitDepth(image, 16);
    expect(Array.from(wide.pixels)).toEqual([0, 128 * 257, 65535]);
    expect(Array.from(toBitDepth(wide, 8).pixels)).toEqual([0, 128, 255]);
  });

  it('names the file and the reason for a non-image and a truncated PNG', async () => {
    const settings = { shortSide: 8, bitDepth: 8 } as const;
    const text = new Blob(['just some notes']);
    await expect(decodeImageFile('d/notes.png', text, settings)).rejects.toThrow(
      new DecodeError('d/notes.png', 'not a JPEG, PNG or DICOM image'),
    );
    const truncated = new Blob([readFileSync(resolve(DIR, 'truncated16.png'))]);
    await expect(decodeImageFile('d/t.png', truncated, settings)).rejects.toThrow(
      /^d\/t\.png: truncated PNG/,
    );
  });

  it('decodes a DICOM file named without an extension by its marker, reading only 132 bytes of others', async () => {
    const settings = { shortSide: 8, bitDepth: 8 } as const;
    const dicom = readFileSync(resolve(FIXTURES, 'dicom', 'mono2_8bit.dcm'));
    const image = await decodeImageFile('d/IM0001', new Blob([dicom]), settings);
    expect(Math.min(image.width, image.height)).toBe(8);
    const png = new ReadRecordingBlob([readFileSync(resolve(DIR, 'truncated16.png'))]);
    await expect(decodeImageFile('d/1.2.840.1', png, settings)).rejects.toThrow(
      new DecodeError(
        'd/1.2.840.1',
        'no image extension (.png, .jpg, .jpeg, .dcm) and no DICOM marker ("DICM" at byte 128)',
      ),
    );
    expect(png.read).toEqual([[0, 132]]);
  });

  it('names zero-byte files, a JPEG cut before its end and a PNG with corrupt image data', async () => {
    const settings = { shortSide: 8, bitDepth: 8 } as const;
    for (const name of ['empty.png', 'empty.jpg']) {
      await expect(decodeImageFile(`d/${name}`, new Blob([]), settings)).rejects.toThrow(
        new DecodeError(`d/${name}`, 'not a JPEG, PNG or DICOM image'),
      );
    }
    // SOI, a JFIF APP0 and the start of a frame header, then the file ends: no EOI marker.
    const cut = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
    await expect(decodeImageFile('d/cut.jpg', new Blob([cut]), settings)).rejects.toThrow(
      new DecodeError('d/cut.jpg', 'truncated JPEG (no end-of-image marker)'),
    );
    // A whole 16-bit PNG whose compressed pixel data is overwritten with noise.
    const bytes = new Uint8Array(readFileSync(resolve(DIR, 'gray16.png')));
    const idat = Buffer.from(bytes).indexOf('IDAT');
    for (let i = idat + 6; i < idat + 20; i++) bytes[i] = (i * 97) & 0xff;
    await expect(decodeImageFile('d/noise.png', new Blob([bytes]), settings)).rejects.toThrow(
      new DecodeError('d/noise.png', 'corrupt PNG (its compressed image data does not inflate)'),
    );
  });

  it('decodes a 16-bit PNG without a canvas and keeps 16 bits', async () => {
    const blob = new Blob([readFileSync(resolve(DIR, 'gray16.png'))]);
    const image = await decodeImageFile('g.png', blob, { shortSide: 7, bitDepth: 16 });
    const direct = await decodePng(new Uint8Array(readFileSync(resolve(DIR, 'gray16.png'))));
    expect(Array.from(image.pixels)).toEqual(Array.from(direct.pixels));
  });
});
