// PyTorch's symmetric padding, ceil-mode pooling and transposed-conv cropping on non-square,
// odd-sized inputs, against torch.nn.functional (scripts/fixtures/gen_model_fixtures.py).
import * as tf from '@tensorflow/tfjs';
import { afterAll, expect, it } from 'vitest';
import { readFixture, relativeMaxError, toNhwc } from '../../../test/helpers/fixtures';
import { convTransposeWeightToTf, convWeightToTf } from './layouts';
import { conv2dTorch, convTranspose2dTorch, maxPoolTorch } from './padding';
import { disposeStateDict } from './state-dict';

const f = readFixture('model/padding.safetensors');
afterAll(() => disposeStateDict(f));
const x = () => toNhwc(f.x as tf.Tensor); // [2,33,40,3]
const conv = (name: string) => convWeightToTf(f[name] as tf.Tensor);

const CASES: [string, () => tf.Tensor][] = [
  ['conv7_s2_p3', () => conv2dTorch(x(), conv('w7'), 2, 3)],
  ['conv3_s2_p1', () => conv2dTorch(x(), conv('w3'), 2, 1)],
  ['conv3_s1_p1', () => conv2dTorch(x(), conv('w3'), 1, 1)],
  ['maxpool3_s2_p1', () => maxPoolTorch(x(), 3, 2, 1)],
  ['maxpool3_s2_ceil', () => maxPoolTorch(x(), 3, 2, 0, true)],
  [
    'convT4_s2_p1',
    () =>
      convTranspose2dTorch(
        toNhwc(f.small as tf.Tensor),
        convTransposeWeightToTf(f.w4t as tf.Tensor),
        2,
        1,
      ),
  ],
  [
    'convT4_s3_p2',
    () =>
      convTranspose2dTorch(
        toNhwc(f.small as tf.Tensor),
        convTransposeWeightToTf(f.w4t as tf.Tensor),
        3,
        2,
      ),
  ],
];

for (const [name, run] of CASES) {
  it(`${name} matches PyTorch in shape and values`, () => {
    const [ours, expected] = tf.tidy(() => [run(), toNhwc(f[name] as tf.Tensor)]);
    expect(ours?.shape).toEqual(expected?.shape);
    expect(relativeMaxError(ours as tf.Tensor, expected as tf.Tensor)).toBeLessThan(1e-5);
    tf.dispose([ours as tf.Tensor, expected as tf.Tensor]);
  });
}
