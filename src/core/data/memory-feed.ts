// An in-memory batch source (tests, headless runner): gray images → static-shape normalized batches
// with SPEC §4's seeded crop, rotation and zoom. Core: imports @tensorflow/tfjs only, runs anywhere.
import * as tf from '@tensorflow/tfjs';
import { createRandom, deriveSeed, type Random, shuffled } from '../util/random';
import type { Batch, BatchFeed, FeedOptions } from './feed';

/** CheXpert's gray statistics (SPEC §4): gray = (v/255 − MEAN)/STD. */
import { GRAY_MEAN, GRAY_STD } from './normalization';

export { GRAY_MEAN, GRAY_STD };

/** A gray image of any size, row-major: 8-bit samples (e.g. renderPhantom's output) or 16-bit
 *  ones (the image cache at 16 bits), rescaled to 0..255 only when a batch is built. */
export interface GrayPixels {
  width: number;
  height: number;
  pixels: Uint8Array | Uint16Array;
}

/** One example: the image plus its DatasetItem's `target` and `mask` (length L each). */
export interface FeedItem {
  image: GrayPixels;
  target: readonly number[];
  mask: readonly number[];
}

/** Rotation and zoom as SPEC §4 draws them; each applied with probability 0.75. */
const AUG_PROBABILITY = 0.75;
const MAX_ROTATION_RAD = (10 * Math.PI) / 180;
const MAX_ZOOM = 1.1;
const IDENTITY: readonly number[] = [1, 0, 0, 0, 1, 0, 0, 0];

/** The square crop [y0, x0, side] of an image: random along the long side, or centred. */
function squareCrop(image: GrayPixels, random: Random | null): [number, number, number] {
  const side = Math.min(image.width, image.height);
  const spareY = image.height - side;
  const spareX = image.width - side;
  const pick = (spare: number) =>
    random === null ? Math.floor(spare / 2) : Math.floor(random() * (spare + 1));
  return [pick(spareY), pick(spareX), side];
}

/** The samples on the 0..255 scale; 16-bit ones as fractions (tfjs takes no Uint16Array). */
function rawValues(image: GrayPixels): Float32Array | Uint8Array {
  if (!(image.pixels instanceof Uint16Array)) return image.pixels;
  return Float32Array.from(image.pixels, (v) => (v * 255) / 65535);
}

/** [S,S,1] raw 0..255 values of one cropped, bilinearly resized image; caller owns it. */
function resizedImage(image: GrayPixels, size: number, random: Random | null): tf.Tensor3D {
  const [y0, x0, side] = squareCrop(image, random);
  return tf.tidy(() => {
    const full = tf.tensor3d(rawValues(image), [image.height, image.width, 1], 'float32');
    const crop = full.slice([y0, x0, 0], [side, side, 1]) as tf.Tensor3D; // [side,side,1]
    return tf.image.resizeBilinear(crop, [size, size]);
  });
}

/**
 * The 8 projective coefficients mapping an output pixel to its input pixel (tf.image.transform's
 * convention): zoom z around p, then rotation θ around the centre c:
 * in = c + R(θ)·(p + (out − p)/z − c).
 */
export function rotationZoomTransform(size: number, random: Random): readonly number[] {
  const theta = random() < AUG_PROBABILITY ? (2 * random() - 1) * MAX_ROTATION_RAD : 0;
  const zoomed = random() < AUG_PROBABILITY;
  const z = zoomed ? 1 + random() * (MAX_ZOOM - 1) : 1;
  const px = zoomed ? random() * (size - 1) : 0;
  const py = zoomed ? random() * (size - 1) : 0;
  // The shared IDENTITY itself, so buildBatch can skip the transform when no image needs one.
  if (theta === 0 && z === 1) return IDENTITY;
  return transformCoefficients(size, theta, z, px, py);
}

/** tf.image.transform's 8 coefficients for rotation θ (radians) after a zoom z around (px, py). */
export function transformCoefficients(
  size: number,
  theta: number,
  z: number,
  px: number,
  py: number,
): number[] {
  const c = (size - 1) / 2;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const qx = px * (1 - 1 / z) - c; // p − p/z − c
  const qy = py * (1 - 1 / z) - c;
  return [
    cos / z,
    -sin / z,
    c + cos * qx - sin * qy,
    sin / z,
    cos / z,
    c + sin * qx + cos * qy,
    0,
    0,
  ];
}

/**
 * Builds one batch from `items`. x: [N,S,S,1] normalized; targets, mask: [N,L]. `random` null:
 * evaluation (centre crop, no augmentation). The caller owns the returned tensors.
 */
export function buildBatch(items: readonly FeedItem[], size: number, random: Random | null): Batch {
  const images = items.map((item) => resizedImage(item.image, size, random)); // N × [S,S,1]
  const transforms = items.map(() =>
    random === null ? IDENTITY : rotationZoomTransform(size, random),
  );
  const labels = items[0]?.target.length ?? 0;
  return tf.tidy(() => {
    let raw = tf.stack(images) as tf.Tensor4D; // [N,S,S,1], 0..255
    tf.dispose(images);
    if (transforms.some((t) => t !== IDENTITY)) {
      const matrices = tf.tensor2d(transforms.flat(), [items.length, 8]); // [N,8]
      raw = tf.image.transform(raw, matrices, 'bilinear', 'reflect');
    }
    return {
      x: raw.div(255).sub(GRAY_MEAN).div(GRAY_STD) as tf.Tensor4D,
      targets: tf.tensor2d(
        items.flatMap((item) => [...item.target]),
        [items.length, labels],
      ),
      mask: tf.tensor2d(
        items.flatMap((item) => [...item.mask]),
        [items.length, labels],
      ),
    };
  });
}

/** Evaluation batches in order, centre-cropped, no augmentation (the last may be smaller).
 *  The caller owns every returned tensor (dispose with disposeBatches). */
export function evaluationBatches(
  items: readonly FeedItem[],
  size: number,
  batchSize: number,
): Batch[] {
  const batches: Batch[] = [];
  for (let start = 0; start < items.length; start += batchSize) {
    batches.push(buildBatch(items.slice(start, start + batchSize), size, null));
  }
  return batches;
}

export function disposeBatches(batches: readonly Batch[]): void {
  for (const b of batches) tf.dispose([b.x, b.targets, b.mask]);
}

/**
 * Endless seeded training batches: a new shuffle each epoch, then augmentation. The feed holds no
 * tensors (only the pixels it was given), so it needs no dispose; each batch belongs to its caller.
 */
export class MemoryFeed implements BatchFeed {
  readonly batchesPerEpoch: number;
  private readonly shuffleRandom: Random;
  private readonly augmentRandom: Random;
  private order: FeedItem[] = [];
  private position = 0;

  constructor(
    private readonly items: readonly FeedItem[],
    private readonly options: FeedOptions,
  ) {
    this.batchesPerEpoch = Math.floor(items.length / options.batchSize);
    if (this.batchesPerEpoch < 1) {
      throw new RangeError(
        `MemoryFeed: ${items.length} items cannot fill one batch of ${options.batchSize}`,
      );
    }
    this.shuffleRandom = createRandom(deriveSeed(options.seed, 'feed:shuffle'));
    this.augmentRandom = createRandom(deriveSeed(options.seed, 'feed:augment'));
  }

  /** The next batch (x [N,S,S,1], targets and mask [N,L]); the caller disposes it. */
  async next(): Promise<Batch> {
    const n = this.options.batchSize;
    if (this.position + n > this.order.length) {
      this.order = shuffled(this.items, this.shuffleRandom);
      this.position = 0;
    }
    const chosen = this.order.slice(this.position, this.position + n);
    this.position += n;
    const random = (this.options.augment ?? true) ? this.augmentRandom : null;
    return buildBatch(chosen, this.options.size, random);
  }
}
