// Loads committed fixtures and compares tensors with a scale-relative tolerance.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { StateDict } from '../../src/core/model/state-dict';
import { readSafetensors } from '../../src/core/weights/safetensors';

export const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures');

export function readFixture(relativePath: string): StateDict {
  const bytes = new Uint8Array(readFileSync(resolve(FIXTURES, relativePath)));
  return readSafetensors(bytes, { fileName: relativePath }).tensors;
}

/** NCHW (PyTorch) → NHWC (tfjs). */
export function toNhwc(x: tf.Tensor): tf.Tensor4D {
  return tf.transpose(x, [0, 2, 3, 1]) as tf.Tensor4D;
}

/** max |a − b| / max |b|: the error relative to the reference output's scale. */
export function relativeMaxError(actual: tf.Tensor, expected: tf.Tensor): number {
  return tf.tidy(() => {
    const err = tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0] ?? Number.NaN;
    const scale = tf.max(tf.abs(expected)).dataSync()[0] ?? Number.NaN;
    return err / Math.max(scale, 1e-12);
  });
}
