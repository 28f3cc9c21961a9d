// Checkpoints: a stage stopped and resumed from its encoded checkpoint ends with exactly the
// weights of an uninterrupted run with the same seed (CPU backend), and nothing leaks.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { BatchFeed } from '../data/feed';
import { disposeBatches, evaluationBatches, type FeedItem, MemoryFeed } from '../data/memory-feed';
import { generatePhantomDataset, renderPhantom } from '../data/phantom';
import { FINDINGS } from '../data/phantom/types';
import { createNetwork, disposeStateDict, type Network } from '../model';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint';
import { runStage } from './loop';
import { applyStage } from './stages';

const SIZE = 32;
const ITERATIONS = 6;

function items(): FeedItem[] {
  const records = generatePhantomDataset({
    seed: 5,
    patients: 10,
    site: 'chexpert',
    size: SIZE,
    lateralRate: 0,
    uncertainRate: 0,
  });
  return [...records].map((r) => ({
    image: renderPhantom(r),
    target: FINDINGS.map((f) => (r.labels[f] === 1 ? 1 : 0)),
    mask: FINDINGS.map(() => 1),
  }));
}

function freshNetwork(): Network {
  const net = createNetwork({
    colorizer: 'deconv',
    backbone: 'resnet18',
    numClasses: FINDINGS.length,
    seed: 3,
    widthMultiplier: 0.125,
  });
  applyStage(net, 'all', { seed: 4 }); // every part trains: BN statistics move too
  return net;
}

/** Counts the batches handed out, so a test can stop after a given step. */
function countingFeed(data: FeedItem[]): BatchFeed & { drawn: number } {
  const feed = new MemoryFeed(data, { size: SIZE, batchSize: 4, seed: 8 });
  const counter = {
    drawn: 0,
    next: () => {
      counter.drawn++;
      return feed.next();
    },
  };
  return counter;
}

function weightsOf(net: Network): Map<string, Float32Array> {
  const sd = net.stateDict();
  const out = new Map(Object.entries(sd).map(([k, v]) => [k, v.dataSync() as Float32Array]));
  disposeStateDict(sd);
  return out;
}

describe('resume from a checkpoint', () => {
  it('ends bit-identical to an uninterrupted run', async () => {
    const data = items();
    const before = tf.memory().numTensors;
    const valid = evaluationBatches(data.slice(0, 8), SIZE, 8);
    const common = { validation: valid, iterations: ITERATIONS, lrMax: 0.05, weightDecay: 1e-4 };

    const straight = freshNetwork();
    await runStage({
      ...common,
      network: straight,
      train: countingFeed(data),
      validateEvery: 2,
      accumulation: 2,
    });
    const expected = weightsOf(straight);
    straight.dispose();

    // Stopped after 2 optimizer steps (4 micro-batches), at a validation point.
    const interrupted = freshNetwork();
    const feedA = countingFeed(data);
    let saved: Uint8Array | null = null;
    const stopped = await runStage({
      ...common,
      network: interrupted,
      train: feedA,
      validateEvery: 2,
      accumulation: 2,
      shouldStop: () => feedA.drawn >= 4,
      onCheckpoint: async (cp) => {
        saved = encodeCheckpoint(cp, { note: 'test' });
      },
    });
    interrupted.dispose();
    expect(stopped.outcome).toBe('stopped');
    expect(saved).not.toBeNull();

    // A fresh process: same seeds, the checkpoint's weights, the feed advanced past 4 batches.
    const { checkpoint, context } = decodeCheckpoint(saved as unknown as Uint8Array);
    expect(context).toEqual({ note: 'test' });
    expect(checkpoint.progress.step).toBe(2);
    const resumed = freshNetwork();
    resumed.loadStateDict(checkpoint.weights);
    disposeStateDict(checkpoint.weights);
    const feedB = countingFeed(data);
    for (let i = 0; i < 4; i++) {
      const b = await feedB.next();
      tf.dispose([b.x, b.targets, b.mask]);
    }
    const result = await runStage({
      ...common,
      network: resumed,
      train: feedB,
      validateEvery: 2,
      accumulation: 2,
      resumeFrom: checkpoint,
    });
    expect(result.stepsRun).toBe(ITERATIONS);
    const actual = weightsOf(resumed);
    resumed.dispose();
    disposeBatches(valid);
    const differing = [...expected].filter(([k, v]) => !actual.get(k)?.every((x, i) => x === v[i]));
    expect(differing).toEqual([]);
    expect(actual.size).toBe(expected.size);
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);
});
