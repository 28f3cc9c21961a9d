// The headless runner's data: a folder on disk walked, its format detected and parsed by the core,
// its images decoded (jpeg-js; the studio's own 16-bit-exact PNG decoder) and shrunk to the cache
// resolution, as the browser ingestion does. Node-only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import jpeg from 'jpeg-js';
import { parseDatasetFiles } from '../../src/core/data/dataset-files';
import { detectDatasetFormat } from '../../src/core/data/detect';
import type { GrayPixels } from '../../src/core/data/memory-feed';
import { isImagePath, isOsLitter } from '../../src/core/data/paths';
import type { DatasetIndex } from '../../src/core/data/types';
import { cacheShape, resampleGray, toBitDepth } from '../../src/platform/decode-image';
import { decodePng, isPng, luma } from '../../src/platform/png-decode';

/** Paths relative to the folder's parent ('kermany-sample/NORMAL/x.jpeg'), as a drop gives them. */
function walk(root: string): string[] {
  const parent = join(root, '..');
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else out.push(relative(parent, path).split(sep).join('/'));
    }
  };
  visit(root);
  return out.filter((p) => !isOsLitter(p));
}

function decodeJpegGray(bytes: Uint8Array): GrayPixels {
  const { width, height, data } = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    pixels[i] = Math.round(luma(data[4 * i] ?? 0, data[4 * i + 1] ?? 0, data[4 * i + 2] ?? 0));
  }
  return { width, height, pixels };
}

/** 8-bit gray at the cache resolution (short side `shortSide`, never enlarged). */
async function decodeFile(path: string, shortSide: number): Promise<GrayPixels> {
  const bytes = new Uint8Array(readFileSync(path));
  const decoded = isPng(bytes) ? await decodePng(bytes) : decodeJpegGray(bytes);
  const image = toBitDepth(decoded, 8);
  const target = cacheShape(image.width, image.height, shortSide);
  const small =
    target.width < image.width ? resampleGray(image, target.width, target.height) : image;
  return { width: small.width, height: small.height, pixels: small.pixels as Uint8Array };
}

export interface FolderDataset {
  name: string;
  index: DatasetIndex;
  images: Map<string, GrayPixels>;
  /** Files that could not be decoded, with the reason. */
  skipped: string[];
  reason: string;
}

export async function loadFolderDataset(root: string, shortSide: number): Promise<FolderDataset> {
  const paths = walk(root);
  const detected = detectDatasetFormat(paths);
  const parent = join(root, '..');
  const parsed = await parseDatasetFiles(detected, paths, async (p) =>
    readFileSync(join(parent, p), 'utf8'),
  );
  const images = new Map<string, GrayPixels>();
  const skipped = parsed.missing.map((p) => `${p}: listed but not in the folder`);
  for (const item of parsed.items) {
    if (!isImagePath(item.path) || images.has(item.path)) continue;
    try {
      images.set(item.path, await decodeFile(join(parent, item.path), shortSide));
    } catch (error) {
      skipped.push(`${item.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { name: basename(root), index: parsed, images, skipped, reason: detected.reason };
}
