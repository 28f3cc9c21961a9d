// The real ImageNet SqueezeNet 1.1 weights of ../shared give torchvision's ImageNet logits on real
// chest X-rays (pixels decoded by PIL in the fixture script, logits from torchvision).
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { readFixture, relativeMaxError } from '../../../test/helpers/fixtures';
import { sharedFile } from '../../../test/helpers/shared';
import { readSafetensors } from '../weights/safetensors';
import { createBackbone, disposeStateDict } from './index';

const WEIGHTS = sharedFile('data/imagenet-squeezenet1_1/squeezenet1_1_imagenet.safetensors');
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

it.skipIf(!WEIGHTS)('SqueezeNet 1.1 with ImageNet weights reproduces torchvision logits', () => {
  const { tensors } = readSafetensors(new Uint8Array(readFileSync(WEIGHTS as string)));
  const backbone = createBackbone('squeezenet1_1');
  const head = tf.tidy(() => ({
    weight: tf.transpose(tensors['classifier.1.weight'] as tf.Tensor, [2, 3, 1, 0]) as tf.Tensor4D, // [1,1,512,1000]
    bias: (tensors['classifier.1.bias'] as tf.Tensor).clone(),
  }));
  const features = Object.fromEntries(
    Object.entries(tensors).filter(([k]) => k.startsWith('features.')),
  );
  backbone.loadStateDict(features, { strict: true });

  const fixture = readFixture('model/squeezenet_imagenet_kermany.safetensors');
  const logits = tf.tidy(() => {
    const pixels = fixture.pixels_nhwc as tf.Tensor4D; // [2,224,224,3] in 0..255
    const x = pixels.div(255).sub(MEAN).div(STD) as tf.Tensor4D;
    const map = backbone.featureMap(x, false); // [2,13,13,512]
    // torchvision's head: dropout (off) → conv 1×1 → ReLU → global average pool.
    return tf.relu(tf.conv2d(map, head.weight, 1, 'valid').add(head.bias)).mean([1, 2]);
  });
  const expected = fixture.logits as tf.Tensor;
  const err = relativeMaxError(logits, expected);
  console.log(
    `SqueezeNet ImageNet logits on 2 Kermany X-rays: max |Δ| / max |ref| = ${err.toExponential(2)}`,
  );
  expect(err).toBeLessThan(1e-4);
  expect(Array.from(logits.argMax(1).dataSync())).toEqual(
    Array.from(expected.argMax(1).dataSync()),
  );
  tf.dispose([logits, head.weight, head.bias]);
  disposeStateDict(tensors);
  disposeStateDict(fixture);
  backbone.dispose();
});
