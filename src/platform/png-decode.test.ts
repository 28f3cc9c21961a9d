// The PNG decoder against files written by an independent numpy encoder (every filter, colour type
// and bit depth; scripts/fixtures/gen_png_fixtures.py) and PIL (palette), in Node.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../test/helpers/fixtures';
import { decodePng, readPngHeader } from './png-decode';

const DIR = resolve(FIXTURES, 'data', 'png');
const read = (name: string) => new Uint8Array(readFileSync(resolve(DIR, name)));
const expected = JSON.parse(readFileSync(resolve(DIR, 'expected.json'), 'utf8')) as Record<
  string,
  { width: number; height: number; bitDepth: 8 | 16; pixels: number[] }
>;

describe('decodePng', () => {
  for (const [name, want] of Object.entries(expected)) {
    it(`${name} decodes to the reference gray values`, async () => {
      const got = await decodePng(read(name));
      expect([got.width, got.height, got.bitDepth]).toEqual([
        want.width,
        want.height,
        want.bitDepth,
      ]);
      expect(got.pixels).toBeInstanceOf(want.bitDepth === 16 ? Uint16Array : Uint8Array);
      expect(Array.from(got.pixels)).toEqual(want.pixels);
    });
  }

  it('keeps 16-bit precision (values that differ below 8 bits stay distinct)', async () => {
    const got = await decodePng(read('gray16.png'));
    const distinctLow = new Set(Array.from(got.pixels, (v) => v & 0xff));
    expect(distinctLow.size).toBeGreaterThan(50);
  });

  it('refuses interlaced files, truncated files and non-PNGs with a reason', async () => {
    await expect(decodePng(read('interlaced16.png'))).rejects.toThrow(/interlaced/);
    await expect(decodePng(read('truncated16.png'))).rejects.toThrow(/truncated/);
    await expect(decodePng(new TextEncoder().encode('hello, not a png'))).rejects.toThrow(
      /not a PNG/,
    );
  });

  it('reads the header alone', () => {
    expect(readPngHeader(read('rgb16.png'))).toEqual({
      width: 13,
      height: 7,
      bitDepth: 16,
      colorType: 2,
      interlaced: false,
    });
  });
});
