// The contact sheet's data: a dataset's images in groups a reader browses by (each finding's
// positives, or both classes of a binary label), and small 8-bit thumbnails of cached images.
// Pure core: the ingestion worker runs it over the stored index and the cache's shards.
import type { DatasetIndex } from './types';

export interface SheetGroup {
  name: string;
  paths: string[];
}

/**
 * One label: its positives, then its negatives (named `negativeClass`, else "without <label>").
 * Several labels: each label's positives, then "no finding" (no positive at all). Uncertain or
 * masked targets count as neither. Paths keep the index's order.
 */
export function sheetGroups(index: DatasetIndex, negativeClass?: string): SheetGroup[] {
  const positives = index.labels.map((name, l) => ({
    name,
    paths: index.items.filter((i) => i.mask[l] === 1 && i.target[l] === 1).map((i) => i.path),
  }));
  const [only] = index.labels;
  if (index.labels.length === 1 && only !== undefined) {
    const negatives = index.items.filter((i) => i.mask[0] === 1 && i.target[0] === 0);
    const name = negativeClass ?? `without ${only}`;
    return [...positives, { name, paths: negatives.map((i) => i.path) }];
  }
  const none = index.items.filter((i) => !i.target.some((t, l) => t === 1 && i.mask[l] === 1));
  return [...positives, { name: 'no finding', paths: none.map((i) => i.path) }];
}

export interface Thumbnail {
  width: number;
  height: number;
  /** 8-bit gray, row-major. */
  pixels: Uint8Array;
}

/** `image` shrunk so its longer side is at most `size` (box average; never enlarged); 16-bit
 *  samples become 8-bit. */
export function thumbnail(
  image: { width: number; height: number; pixels: Uint8Array | Uint16Array },
  size: number,
): Thumbnail {
  const scale = Math.min(1, size / Math.max(image.width, image.height));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const toByte = image.pixels instanceof Uint16Array ? 255 / 65535 : 1;
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * image.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * image.height) / height));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * image.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * image.width) / width));
      let sum = 0;
      for (let yy = y0; yy < y1; yy++)
        for (let xx = x0; xx < x1; xx++) sum += image.pixels[yy * image.width + xx] as number;
      pixels[y * width + x] = Math.round((sum / ((y1 - y0) * (x1 - x0))) * toByte);
    }
  }
  return { width, height, pixels };
}
