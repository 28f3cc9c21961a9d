// The stage's feed helper and the LR finder on a prepared stage: the finder sees the stage's own
// seeded batches and leaves the network exactly as applyStage alone would (frozen parts, new C).
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FeedItem, MemoryFeed } from '../data/memory-feed';
import { createNetwork, disposeStateDict, type Network } from '../model';
import { applyStage } from '../train/stages';
import { deriveSeed } from '../util/random';
import { buildTrainFeed, findStageLr } from './stage-session';

const SIZE = 32;

/** `count` seeded 40×40 gray images with two labels (plain pixels, no tensors). */
function items(count: number, seed: number): FeedItem[] {
  return Array.from({ length: count }, (_, i) => {
    const data = new Uint8Array(40 * 40);
    for (let p = 0; p < data.length; p++) data[p] = (p * 7 + i * 31 + seed * 13) % 256;
    return {
      image: { width: 40, height: 40, pixels: data },
      target: [i % 2, 1 - (i % 2)],
      mask: [1, 1],
    };
  });
}

const tiny = () =>
  createNetwork({
    colorizer: 'coloru',
    backbone: 'resnet18',
    numClasses: 2,
    seed: 5,
    widthMultiplier: 0.125,
  });

/** Every state-dict entry as plain arrays, to compare two networks after the tensors are gone. */
function values(network: Network): Map<string, Float32Array> {
  const sd = network.stateDict();
  const out = new Map(Object.entries(sd).map(([k, v]) => [k, v.dataSync() as Float32Array]));
  disposeStateDict(sd);
  return out;
}

describe('buildTrainFeed', () => {
  const settings = { batchSize: 2, seed: 9 };

  it("hands a factory the stage's seeded feed options", async () => {
    const factory = vi.fn(
      async () => new MemoryFeed(items(4, 1), { size: SIZE, batchSize: 2, seed: 0 }),
    );
    await buildTrainFeed(factory, settings, SIZE);
    expect(factory).toHaveBeenCalledWith({
      size: SIZE,
      batchSize: 2,
      seed: deriveSeed(9, 'feed'),
      augment: true,
    });
  });

  it('draws in-memory batches from the feed seed, not the run seed', async () => {
    const train = items(6, 2);
    const feed = await buildTrainFeed(train, settings, SIZE);
    const derived = new MemoryFeed(train, {
      size: SIZE,
      batchSize: 2,
      seed: deriveSeed(9, 'feed'),
    });
    const raw = new MemoryFeed(train, { size: SIZE, batchSize: 2, seed: 9 });
    const [a, b, c] = await Promise.all([feed.next(), derived.next(), raw.next()]);
    expect(Array.from(a.x.dataSync())).toEqual(Array.from(b.x.dataSync()));
    expect(Array.from(a.x.dataSync())).not.toEqual(Array.from(c.x.dataSync()));
    tf.dispose([a, b, c].flatMap((batch) => [batch.x, batch.targets, batch.mask]));
  });
});

describe('findStageLr', () => {
  let network: Network;
  let twin: Network;
  beforeAll(() => {
    network = tiny();
    twin = tiny();
  });
  afterAll(() => {
    network.dispose();
    twin.dispose();
  });

  it('sweeps the stage and leaves the network as applyStage leaves it', async () => {
    const settings = { stage: 'colorModule', batchSize: 2, weightDecay: 1e-4, seed: 3 } as const;
    const tensorsBefore = tf.memory().numTensors;
    const points: number[] = [];
    const result = await findStageLr({
      network,
      settings,
      train: items(6, 3),
      inputSize: SIZE,
      numIt: 8,
      onPoint: (p) => points.push(p.iteration),
    });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(result.lrs.length).toBe(points.length);
    expect(result.lrs.length).toBeGreaterThan(0);
    expect(Number.isFinite(result.smoothedLosses[0])).toBe(true);

    applyStage(twin, 'colorModule', { seed: 3 });
    const [mine, theirs] = [values(network), values(twin)];
    expect([...mine.keys()]).toEqual([...theirs.keys()]);
    for (const [key, v] of mine)
      expect(Array.from(v), key).toEqual(Array.from(theirs.get(key) ?? []));
    // Color Module trains T and C with E frozen (Table 1).
    expect(network.backbone.frozen).toBe(true);
    expect(network.colorizer.frozen).toBe(false);
  });

  it('stops at once when asked to abort', async () => {
    const result = await findStageLr({
      network,
      settings: { stage: 'colorModule', batchSize: 2, weightDecay: 0, seed: 3 },
      train: items(6, 3),
      inputSize: SIZE,
      numIt: 8,
      shouldAbort: () => true,
    });
    expect(result).toMatchObject({ lrs: [], stopReason: 'aborted' });
  });
});
