import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Batch } from '../data/feed';
import { createNetwork, disposeStateDict, type Network } from '../model';
import type { StateDict } from '../model/state-dict';
import { maskedBceWithLogits } from './loss';
import { Sgd } from './sgd';
import { trainStep } from './step';

const HYPER = { lr: 0.05, momentum: 0.9, weightDecay: 1e-4 };

function tinyBatch(seed: number, size = 32): Batch {
  return tf.tidy(() => ({
    x: tf.randomNormal([4, size, size, 1], 0, 1, 'float32', seed) as tf.Tensor4D,
    targets: tf.tensor2d([1, 0, 0, 1, 1, 1, 0, 0], [4, 2]),
    mask: tf.tensor2d([1, 1, 1, 0, 1, 1, 1, 1], [4, 2]),
  }));
}

function tinyNetwork(): Network {
  return createNetwork({
    colorizer: 'deconv',
    backbone: 'resnet18',
    numClasses: 2,
    seed: 7,
    widthMultiplier: 0.125,
  });
}

function snapshot(sd: StateDict): Map<string, Float32Array> {
  const out = new Map(Object.entries(sd).map(([k, v]) => [k, v.dataSync() as Float32Array]));
  disposeStateDict(sd);
  return out;
}

function changedEntries(
  before: Map<string, Float32Array>,
  after: Map<string, Float32Array>,
): string[] {
  return [...before].filter(([k, v]) => !after.get(k)?.every((x, i) => x === v[i])).map(([k]) => k);
}

describe('maskedBceWithLogits', () => {
  it('equals the textbook BCE averaged over unmasked entries', () => {
    const z = [2.5, -1, 0.3, 40, -40, 0];
    const y = [1, 0, 1, 0, 0, 1];
    const m = [1, 1, 0, 1, 1, 1];
    // −log σ(z) = log(1 + e^−z) for y = 1; −log(1 − σ(z)) = log(1 + e^z) for y = 0 (double precision).
    const bce = (zi: number, yi: number) => Math.log1p(Math.exp(yi === 1 ? -zi : zi));
    const terms = z.map((zi, i) => (m[i] ? bce(zi, y[i] as number) : 0));
    const expected = terms.reduce((a, b) => a + b, 0) / 5;
    const loss = maskedBceWithLogits(
      tf.tensor2d(z, [3, 2]),
      tf.tensor2d(y, [3, 2]),
      tf.tensor2d(m, [3, 2]),
    );
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 4);
    const none = maskedBceWithLogits(
      tf.tensor2d(z, [3, 2]),
      tf.tensor2d(y, [3, 2]),
      tf.zeros([3, 2]),
    );
    expect(none.dataSync()[0]).toBe(0);
  });
});

describe('Sgd', () => {
  it('applies decoupled weight decay, then momentum, as SPEC §4', () => {
    const p = tf.variable(tf.tensor1d([1, -2]));
    const sgd = new Sgd([p]);
    const hyper = { lr: 0.1, momentum: 0.9, weightDecay: 0.01 };
    const g1 = tf.tensor1d([0.5, 1]);
    sgd.step({ [p.name]: g1 }, hyper);
    sgd.step({ [p.name]: g1 }, hyper);
    // By hand: v1 = g; p1 = p0(1−0.001) − 0.1·g; v2 = 0.9·g + g; p2 = p1(1−0.001) − 0.1·v2.
    const expected = [1, -2].map((p0, i) => {
      const g = [0.5, 1][i] as number;
      const p1 = p0 * 0.999 - 0.1 * g;
      return p1 * 0.999 - 0.1 * (1.9 * g);
    });
    const got = Array.from(p.dataSync());
    for (const [i, v] of got.entries()) expect(v).toBeCloseTo(expected[i] as number, 6);
    sgd.dispose();
    p.dispose();
  });
});

describe('trainStep', () => {
  it('changes only unfrozen parts: frozen weights and BN statistics stay bit-identical', () => {
    const net = tinyNetwork();
    net.backbone.frozen = true;
    const sgd = new Sgd(net.trainableVariables());
    const backboneBefore = snapshot(net.backbone.stateDict());
    const colorizerBefore = snapshot(net.colorizer.stateDict());
    const batch = tinyBatch(1);
    for (let i = 0; i < 2; i++) trainStep(net, sgd, batch, HYPER).dispose();
    expect(changedEntries(backboneBefore, snapshot(net.backbone.stateDict()))).toEqual([]);
    const colorizerChanged = changedEntries(colorizerBefore, snapshot(net.colorizer.stateDict()));
    expect(colorizerChanged).toContain('conv1.weight');
    expect(colorizerChanged).toContain('bn1.running_mean');
    expect(colorizerChanged.length).toBe(colorizerBefore.size);
    tf.dispose([batch.x, batch.targets, batch.mask]);
    sgd.dispose();
    net.dispose();
  });

  it('leaks no tensor over 20 steps', () => {
    const net = tinyNetwork();
    const sgd = new Sgd(net.trainableVariables());
    const batch = tinyBatch(2);
    trainStep(net, sgd, batch, HYPER).dispose(); // first step: lazily built kernels/caches settle
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) trainStep(net, sgd, batch, HYPER).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([batch.x, batch.targets, batch.mask]);
    sgd.dispose();
    net.dispose();
  });

  it('accumulates micro-batches to the gradient of the whole batch (no BatchNorm: SqueezeNet)', () => {
    // SqueezeNet has no BatchNorm and all-ones masks make each half's mean count alike, so two
    // micro-batches of 4 must give the update of one batch of 8.
    const make = () =>
      createNetwork({
        colorizer: 'replicate',
        backbone: 'squeezenet1_1',
        numClasses: 2,
        seed: 9,
        widthMultiplier: 0.25,
      });
    const [a, b] = [1, 2].map((seed) => {
      const batch = tinyBatch(seed);
      batch.mask.dispose();
      return { ...batch, mask: tf.onesLike(batch.targets) };
    }) as [Batch, Batch];
    const whole: Batch = tf.tidy(() => ({
      x: tf.concat([a.x, b.x]),
      targets: tf.concat([a.targets, b.targets]),
      mask: tf.concat([a.mask, b.mask]),
    }));
    const accumulated = make();
    const single = make();
    const sgdA = new Sgd(accumulated.trainableVariables());
    const sgdB = new Sgd(single.trainableVariables());
    const lossA = trainStep(accumulated, sgdA, [a, b], HYPER);
    const lossB = trainStep(single, sgdB, whole, HYPER);
    expect(lossA.dataSync()[0]).toBeCloseTo(lossB.dataSync()[0] as number, 5);
    const after = snapshot(accumulated.stateDict());
    const reference = snapshot(single.stateDict());
    let worst = 0;
    for (const [name, values] of reference) {
      const got = after.get(name) as Float32Array;
      values.forEach((v, i) => {
        worst = Math.max(worst, Math.abs(v - (got[i] as number)));
      });
    }
    expect(worst).toBeLessThan(1e-6);
    tf.dispose([
      lossA,
      lossB,
      a.x,
      a.targets,
      a.mask,
      b.x,
      b.targets,
      b.mask,
      whole.x,
      whole.targets,
      whole.mask,
    ]);
    for (const o of [sgdA, sgdB, accumulated, single]) o.dispose();
  });
});
