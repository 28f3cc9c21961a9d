// Tests of the sharded feed: static shapes, determinism independent of load timing, every item
// visited once per epoch, bounded shard loads (memory), 16-bit images, no tensor leaks.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../util/random';
import { buildBatch, disposeBatches, type GrayPixels } from './memory-feed';
import { type LoadShard, type ShardedItem, ShardFeed } from './shard-feed';

const SHARD = 8;

/** `count` items in shards of 8; image k is a flat 12×10 image of value k (mod 256), so a batch's
 *  first pixel (without augmentation) names its item. */
function store(count: number, delays = false) {
  const items: ShardedItem[] = Array.from({ length: count }, (_, k) => ({
    shard: Math.floor(k / SHARD),
    slot: k % SHARD,
    target: [k % 2],
    mask: [1],
  }));
  const loads: number[] = [];
  const jitter = createRandom(99);
  const load: LoadShard = async (shard) => {
    loads.push(shard);
    if (delays) await new Promise((r) => setTimeout(r, Math.floor(jitter() * 5)));
    const slots = Math.min(SHARD, count - shard * SHARD);
    return Array.from({ length: slots }, (_, slot): GrayPixels => {
      const value = (shard * SHARD + slot) % 256;
      return { width: 12, height: 10, pixels: new Uint8Array(120).fill(value) };
    });
  };
  return { items, load, loads };
}

/** The item ids of the next `batches` batches (no augmentation: centre crop of flat images). */
async function drawIds(feed: ShardFeed, batches: number): Promise<number[][]> {
  const ids: number[][] = [];
  for (let b = 0; b < batches; b++) {
    const batch = await feed.next();
    const x = batch.x.dataSync(); // [N,S,S,1] normalized
    const size = (batch.x.shape[1] ?? 0) ** 2;
    ids.push(
      Array.from({ length: batch.x.shape[0] }, (_, i) =>
        Math.round(((x[i * size] ?? 0) * 0.2902 + 0.5028) * 255),
      ),
    );
    disposeBatches([batch]);
  }
  return ids;
}

describe('ShardFeed', () => {
  it('gives static-shape batches and visits every item once per epoch', async () => {
    const { items, load } = store(40);
    const feed = new ShardFeed(items, load, { size: 8, batchSize: 5, seed: 1, augment: false });
    const ids = await drawIds(feed, 8); // 8 × 5 = one epoch of 40
    expect(ids.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, k) => k));
  });

  it('the same seed gives the same batches whatever the load timing; another seed others', async () => {
    const run = async (seed: number, delays: boolean) => {
      const { items, load } = store(50, delays);
      const feed = new ShardFeed(items, load, { size: 8, batchSize: 4, seed, windowShards: 2 });
      const batches = [];
      for (let b = 0; b < 6; b++) {
        const batch = await feed.next();
        batches.push([...batch.x.dataSync(), ...batch.targets.dataSync()]);
        disposeBatches([batch]);
      }
      return batches;
    };
    const reference = await run(3, false);
    expect(await run(3, true)).toEqual(reference);
    expect(await run(4, false)).not.toEqual(reference);
  });

  it('loads only a bounded number of shards ahead, however large the dataset', async () => {
    for (const count of [200, 2000]) {
      const { items, load, loads } = store(count);
      const feed = new ShardFeed(items, load, {
        size: 4,
        batchSize: 4,
        seed: 2,
        augment: false,
        windowShards: 3,
      });
      await drawIds(feed, 10); // 40 items = 5 shards consumed
      expect(loads.length).toBeLessThanOrEqual(5 + 2 * 3);
    }
  });

  it('16-bit images give the batch of their 8-bit equivalent', () => {
    const eight = Uint8Array.from({ length: 30 }, (_, i) => i * 8);
    const sixteen = Uint16Array.from(eight, (v) => v * 257);
    const make = (pixels: Uint8Array | Uint16Array) =>
      buildBatch([{ image: { width: 6, height: 5, pixels }, target: [1], mask: [1] }], 5, null);
    const [a, b] = [make(eight), make(sixteen)];
    const worst = tf.tidy(() => tf.max(tf.abs(tf.sub(a.x, b.x))).dataSync()[0]);
    expect(worst).toBeLessThan(1e-5);
    disposeBatches([a, b]);
  });

  it('leaks no tensors and refuses too few items', async () => {
    const { items, load } = store(20);
    const feed = new ShardFeed(items, load, { size: 8, batchSize: 4, seed: 5 });
    await feed.prefetched();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 6; i++) disposeBatches([await feed.next()]);
    expect(tf.memory().numTensors).toBe(before);
    expect(
      () => new ShardFeed(items.slice(0, 3), load, { size: 8, batchSize: 4, seed: 5 }),
    ).toThrow(RangeError);
  });
});
