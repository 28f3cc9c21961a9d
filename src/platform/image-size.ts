// An image's size from its header alone, so an image too large to decode is refused before its
// pixels are allocated (a 30000 × 30000 PNG would need 3.6 GB of RGBA in the browser's decoder).
// Browser-free: reads bytes only.
/** Decoded pixels the studio accepts per image: 10,000 × 10,000 holds any radiograph (a
 *  mammogram is ~4,000 × 5,000), and its RGBA decode (400 MB) still fits a tab. */
export const MAX_IMAGE_PIXELS = 100_000_000;

/** JPEG start-of-frame markers (every SOFn but the DHT, JPG and DAC codes in that range). */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** Width and height from a JPEG's start-of-frame segment, or null when `bytes` ends before it. */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  let at = 2; // after SOI
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null; // not at a marker: not a JPEG we can read
    const marker = bytes[at + 1] as number;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number);
    if (isStartOfFrame(marker)) {
      const height = ((bytes[at + 5] as number) << 8) | (bytes[at + 6] as number);
      const width = ((bytes[at + 7] as number) << 8) | (bytes[at + 8] as number);
      return { width, height };
    }
    at += 2 + length;
  }
  return null;
}

/** Throws the reason when the header announces more pixels than the studio decodes. */
export function refuseOversized(size: { width: number; height: number } | null): void {
  if (size === null) return;
  const pixels = size.width * size.height;
  if (pixels <= MAX_IMAGE_PIXELS) return;
  const mp = (n: number) => `${Math.round(n / 1e6).toLocaleString('en-US')} megapixels`;
  throw new Error(
    `the image is ${size.width} × ${size.height} px (${mp(pixels)}); the studio decodes up to ` +
      `${mp(MAX_IMAGE_PIXELS)} per image: downscale it first`,
  );
}
