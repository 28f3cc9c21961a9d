// Tests of the in-memory batch feed: shapes, normalization, determinism and no tensor leaks.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../test/helpers/fixtures';
import { createRandom } from '../util/random';
import {
  buildBatch,
  disposeBatches,
  type FeedItem,
  GRAY_MEAN,
  GRAY_STD,
  MemoryFeed,
  rotationZoomTransform,
  transformCoefficients,
} from './memory-feed';

/** Non-square seeded images (width 20, heights 20..25) with two labels. */
function items(count: number): FeedItem[] {
  const random = createRandom(11);
  return Array.from({ length: count }, (_, i) => {
    const height = 20 + (i % 6);
    const pixels = Uint8Array.from({ length: 20 * height }, () => Math.floor(random() * 256));
    return { image: { width: 20, height, pixels }, target: [i % 2, 1], mask: [1, i % 3 ? 1 : 0] };
  });
}

describe('MemoryFeed', () => {
  it('builds static-shape normalized batches', async () => {
    const feed = new MemoryFeed(items(10), { size: 16, batchSize: 4, seed: 3 });
    const batch = await feed.next();
    expect(batch.x.shape).toEqual([4, 16, 16, 1]);
    expect(batch.targets.shape).toEqual([4, 2]);
    expect(batch.mask.shape).toEqual([4, 2]);
    const [low, high] = [tf.min(batch.x), tf.max(batch.x)];
    expect(low.dataSync()[0]).toBeGreaterThanOrEqual(-GRAY_MEAN / GRAY_STD - 1e-4);
    expect(high.dataSync()[0]).toBeLessThanOrEqual((1 - GRAY_MEAN) / GRAY_STD + 1e-4);
    tf.dispose([low, high]);
    disposeBatches([batch]);
  });

  it('evaluation batches are the plain centre crop, normalized', () => {
    const image = {
      width: 4,
      height: 6,
      pixels: Uint8Array.from({ length: 24 }, (_, i) => i * 10),
    };
    const batch = buildBatch([{ image, target: [1], mask: [1] }], 4, null);
    const expected = Array.from(
      { length: 16 },
      (_, i) => (((i + 4) * 10) / 255 - GRAY_MEAN) / GRAY_STD,
    );
    const got = batch.x.dataSync();
    for (const [i, v] of expected.entries()) expect(got[i]).toBeCloseTo(v, 4);
    disposeBatches([batch]);
  });

  it('the same seed gives the same batches, another seed others', async () => {
    const draw = async (seed: number) => {
      const feed = new MemoryFeed(items(10), { size: 16, batchSize: 4, seed });
      const drawn: number[][] = [];
      for (let i = 0; i < 4; i++) {
        const batch = await feed.next();
        drawn.push([...batch.x.dataSync(), ...batch.targets.dataSync(), ...batch.mask.dataSync()]);
        disposeBatches([batch]);
      }
      return drawn;
    };
    expect(await draw(5)).toEqual(await draw(5));
    expect(await draw(5)).not.toEqual(await draw(6));
  });

  it('leaks no tensors over five batches', async () => {
    const feed = new MemoryFeed(items(10), { size: 16, batchSize: 4, seed: 3 });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) disposeBatches([await feed.next()]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rotation and zoom map the centre near itself and stay within SPEC bounds', () => {
    const random = createRandom(9);
    for (let i = 0; i < 50; i++) {
      const [a, b, , d, e] = rotationZoomTransform(64, random) as number[];
      const scale = Math.hypot(a as number, d as number); // 1/z
      expect(scale).toBeGreaterThanOrEqual(1 / 1.1 - 1e-9);
      expect(scale).toBeLessThanOrEqual(1 + 1e-9);
      expect(Math.abs(Math.atan2(d as number, a as number))).toBeLessThanOrEqual(
        (10 * Math.PI) / 180 + 1e-9,
      );
      expect(e).toBeCloseTo(a as number, 12);
      expect(b).toBeCloseTo(-(d as number), 12);
    }
  });

  it('rotation and zoom match scipy.ndimage.affine_transform built from SPEC geometry', () => {
    // scripts/fixtures/gen_augment_fixtures.py; compared where bilinear needs no border fill.
    const fixture = JSON.parse(readFileSync(resolve(FIXTURES, 'data', 'augment.json'), 'utf8')) as {
      size: number;
      image: number[];
      cases: {
        degrees: number;
        zoom: number;
        px: number;
        py: number;
        output: number[];
        inside: boolean[];
      }[];
    };
    const { size } = fixture;
    for (const c of fixture.cases) {
      const coefficients = transformCoefficients(
        size,
        (c.degrees * Math.PI) / 180,
        c.zoom,
        c.px,
        c.py,
      );
      const got = tf.tidy(() =>
        tf.image
          .transform(
            tf.tensor4d(fixture.image, [1, size, size, 1]),
            tf.tensor2d(coefficients, [1, 8]),
            'bilinear',
            'reflect',
          )
          .dataSync(),
      );
      const errors = c.output.flatMap((v, i) => (c.inside[i] ? [Math.abs((got[i] ?? 0) - v)] : []));
      expect(errors.length).toBeGreaterThan(size * size * 0.6);
      expect(Math.max(...errors)).toBeLessThan(1e-3);
    }
  });
});
