// Oversized images are refused from their headers, before any pixel is allocated: a 30000 × 30000
// PNG and JPEG name their size; the JPEG reader finds the frame after APP segments and fill bytes,
// and an 8000 × 8000 header passes.
import { describe, expect, it } from 'vitest';
import { decodeImageFile } from './decode-image';
import { jpegSize, MAX_IMAGE_PIXELS, refuseOversized } from './image-size';

const be16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];

/** SOI, an APP0 and an APP1 segment, two fill bytes, SOF2 (progressive) of `w` × `h`, EOI. */
function jpegHeader(w: number, h: number): Uint8Array {
  const app0 = [0xff, 0xe0, ...be16(16), ...new Array(14).fill(0x4a)];
  const app1 = [0xff, 0xe1, ...be16(1000), ...new Array(998).fill(0)];
  const sof = [0xff, 0xff, 0xff, 0xc2, ...be16(11), 8, ...be16(h), ...be16(w), 1, 1, 0x11, 0];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...app1, ...sof, 0xff, 0xd9]);
}

/** A PNG signature and IHDR of `w` × `h`, then IEND (no pixel data: never decoded). */
function pngHeader(w: number, h: number): Uint8Array {
  const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const ihdr = [
    ...be32(13),
    0x49,
    0x48,
    0x44,
    0x52,
    ...be32(w),
    ...be32(h),
    8,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ];
  const iend = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
  return Uint8Array.from([...signature, ...ihdr, ...iend]);
}

describe('jpegSize', () => {
  it('reads the frame size after APP segments and fill bytes', () => {
    expect(jpegSize(jpegHeader(640, 480))).toEqual({ width: 640, height: 480 });
  });
  it('says null when the bytes end before the frame', () => {
    expect(jpegSize(jpegHeader(640, 480).subarray(0, 600))).toBeNull();
  });
});

it('lets a radiograph-sized header through and refuses a larger one by name', () => {
  expect(() => refuseOversized({ width: 8000, height: 8000 })).not.toThrow();
  expect(8000 * 8000).toBeLessThan(MAX_IMAGE_PIXELS);
  expect(() => refuseOversized({ width: 30000, height: 30000 })).toThrow(
    'the image is 30000 × 30000 px (900 megapixels); the studio decodes up to 100 megapixels',
  );
});

it.each([
  ['huge.png', pngHeader(30000, 30000)],
  ['huge.jpg', jpegHeader(30000, 30000)],
])('refuses %s from its header, naming the file', async (name, bytes) => {
  const settings = { shortSide: 256, bitDepth: 8 } as const;
  await expect(
    decodeImageFile(`x/${name}`, new Blob([bytes as Uint8Array<ArrayBuffer>]), settings),
  ).rejects.toThrow(`x/${name}: the image is 30000 × 30000 px (900 megapixels)`);
});
