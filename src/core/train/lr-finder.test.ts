import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchFeed } from '../data/feed';
import { createNetwork, disposeStateDict, type Network } from '../model';
import { runLrFinder } from './lr-finder';
import { smoothLosses, sweepLearningRate } from './lr-finder-analysis';

const BATCH = 4;
const SIZE = 32;

/** Every state-dict entry (weights and BN running statistics) as plain arrays. */
function snapshot(network: Network): Map<string, Float32Array> {
  const sd = network.stateDict();
  const out = new Map(Object.entries(sd).map(([k, v]) => [k, v.dataSync() as Float32Array]));
  disposeStateDict(sd);
  return out;
}

function changedEntries(before: Map<string, Float32Array>, after: Map<string, Float32Array>) {
  return [...before].filter(([k, v]) => !after.get(k)?.every((x, i) => x === v[i])).map(([k]) => k);
}

/** One fixed batch, handed out as fresh tensors each time (the finder disposes what it gets). */
function fixedBatches(seed: number): BatchFeed {
  const x = tf.tidy(() =>
    tf.randomNormal([BATCH, SIZE, SIZE, 1], 0, 1, 'float32', seed).dataSync(),
  );
  const targets = [1, 0, 0, 1, 1, 1, 0, 0];
  return {
    next: async () => ({
      x: tf.tensor4d(x, [BATCH, SIZE, SIZE, 1]),
      targets: tf.tensor2d(targets, [BATCH, 2]),
      mask: tf.ones([BATCH, 2]) as tf.Tensor2D,
    }),
  };
}

describe('runLrFinder on a tiny ColorU + ResNet18', () => {
  let network: Network;
  beforeAll(() => {
    network = createNetwork({
      colorizer: 'coloru',
      backbone: 'resnet18',
      numClasses: 2,
      seed: 11,
      widthMultiplier: 0.125,
    });
  });
  afterAll(() => network.dispose());

  it('sweeps, stops on divergence, restores every weight and statistic, and leaks nothing', async () => {
    const before = snapshot(network);
    const tensorsBefore = tf.memory().numTensors;
    const sweep = { startLr: 1e-4, endLr: 1e6, numIt: 12 };
    const points: number[] = [];
    const result = await runLrFinder(network, fixedBatches(1), {
      ...sweep,
      onPoint: (p) => points.push(p.iteration),
    });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(changedEntries(before, snapshot(network))).toEqual([]);

    expect(result.stopReason).toBe('diverged');
    const recorded = result.lrs.length;
    expect(recorded).toBeLessThan(sweep.numIt);
    expect(points).toEqual([...Array(recorded).keys()]);
    expect(result.lrs).toEqual([...Array(recorded).keys()].map((i) => sweepLearningRate(i, sweep)));
    expect(result.smoothedLosses).toEqual(smoothLosses(result.rawLosses));
    expect(result.rawLosses[0]).toBeGreaterThan(0);
  });

  it('restores the weights and leaks nothing when the batch source throws mid-sweep', async () => {
    const before = snapshot(network);
    const tensorsBefore = tf.memory().numTensors;
    const batches = fixedBatches(2);
    let drawn = 0;
    const failing: BatchFeed = {
      next: () => {
        if (drawn++ === 2) throw new Error('decoding failed');
        return batches.next();
      },
    };
    await expect(runLrFinder(network, failing, { startLr: 1e-2, endLr: 10 })).rejects.toThrow(
      'decoding failed',
    );
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(changedEntries(before, snapshot(network))).toEqual([]);
  });

  it('stops when asked to, between steps', async () => {
    let calls = 0;
    const result = await runLrFinder(network, fixedBatches(3), {
      numIt: 50,
      shouldAbort: () => calls++ >= 2,
    });
    expect(result.stopReason).toBe('aborted');
    expect(result.lrs.length).toBe(2);
    expect(result.suggestions.steep).toBeNull();
  });

  it('refuses sweeps fastai would not run', async () => {
    await expect(runLrFinder(network, fixedBatches(4), { numIt: 3 })).rejects.toThrow(/numIt/);
    await expect(runLrFinder(network, fixedBatches(4), { startLr: 1, endLr: 0.1 })).rejects.toThrow(
      /startLr < endLr/,
    );
  });
});
