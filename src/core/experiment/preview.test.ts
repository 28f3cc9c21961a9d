// The colorization preview against plain-JS arithmetic over the same values: a fixed T whose
// output is known per pixel, and a real seeded ColorU whose output is read back independently.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMAGENET_MEAN, IMAGENET_STD } from '../data/normalization';
import { createColorizer } from '../model';
import {
  type ChannelRange,
  colorizationPreview,
  FLAT_GRAY,
  type PreviewColorizer,
  type PreviewPixels,
} from './preview';

const SIZE = 4;
const PIXELS = SIZE * SIZE;

/** [2,S,S,1]: two gray images of varied values (normalized units). */
const grayValues = (size = SIZE) =>
  Array.from({ length: 2 * size * size }, (_, i) => ((i * 7) % 23) / 10 - 1);
/** ColorU's U-Net halves its input four times. */
const UNET_SIZE = 32;

/** The expected preview of one image from T's raw output `rgb` ([pixel][channel], normalized),
 *  by hand: per-channel ends, the display scale, the stretch. `flat` as the core must decide. */
function expected(rgb: number[][], flat: boolean[]) {
  const ranges = [0, 1, 2].map((c) => {
    const values = rgb.map((p) => p[c] as number);
    const min = Math.min(...values);
    const max = Math.max(...values);
    const display = (v: number) => (v * (IMAGENET_STD[c] ?? 0) + (IMAGENET_MEAN[c] ?? 0)) * 255;
    return { min, max, displayMin: display(min), displayMax: display(max), flat: flat[c] };
  });
  const stretched = rgb.flatMap((p) => [
    ...[0, 1, 2].map((c) => {
      const r = ranges[c] as (typeof ranges)[number];
      return r.flat ? FLAT_GRAY : (((p[c] as number) - r.min) / (r.max - r.min)) * 255;
    }),
    255,
  ]);
  const color = rgb.flatMap((p) => [
    ...[0, 1, 2].map((c) => (p[c] as number) * (IMAGENET_STD[c] ?? 0) + (IMAGENET_MEAN[c] ?? 0)),
    1,
  ]);
  return { ranges, stretched, color: color.map((v) => v * 255) };
}

/** Every byte within one level of the reference (float32 against float64 rounding). */
function expectBytesClose(actual: Uint8ClampedArray, reference: number[]) {
  expect(actual).toHaveLength(reference.length);
  const worst = Math.max(...reference.map((v, i) => Math.abs((actual[i] ?? -9) - v)));
  expect(worst).toBeLessThanOrEqual(1);
}

function expectRangesClose(actual: ChannelRange[], reference: ChannelRange[]) {
  expect(actual.map((r) => r.flat)).toEqual(reference.map((r) => r.flat));
  actual.forEach((r, c) => {
    const ref = reference[c] as ChannelRange;
    expect(r.min).toBeCloseTo(ref.min, 4);
    expect(r.max).toBeCloseTo(ref.max, 4);
    expect(r.displayMin).toBeCloseTo(ref.displayMin, 2);
    expect(r.displayMax).toBeCloseTo(ref.displayMax, 2);
  });
}

/** Pixel-wise clip to 0..255 of a reference, as Uint8ClampedArray does. */
const clip = (values: number[]) => values.map((v) => Math.min(255, Math.max(0, v)));

let x: tf.Tensor4D;
beforeEach(() => {
  x = tf.tensor4d(grayValues(), [2, SIZE, SIZE, 1]);
});
afterEach(() => x.dispose());

describe('colorizationPreview', () => {
  // Image 0: R = x, G = 0.3 everywhere, B = −0.02x (about 2.5 display levels: faint, not flat).
  // Image 1, a near-constant T: R = 10⁻⁶·x + 0.1 (≈10⁻⁴ of a level: flat), G = 5·10⁻⁴·x − 0.2
  // (≈0.06 of a level: faint but real), B = 0.02x + 0.5.
  const known: PreviewColorizer = {
    apply: (input) =>
      tf.tidy(() => {
        const [first, second] = tf.split(input, 2, 0); // [1,4,4,1] each
        const a = first as tf.Tensor4D;
        const b = second as tf.Tensor4D;
        return tf.concat([
          tf.concat([a, tf.fill(a.shape, 0.3), a.mul(-0.02)], 3),
          tf.concat([b.mul(1e-6).add(0.1), b.mul(5e-4).sub(0.2), b.mul(0.02).add(0.5)], 3),
        ]) as tf.Tensor4D; // [2,4,4,3]
      }),
  };
  const knownRgb = (image: number) =>
    grayValues()
      .slice(image * PIXELS, (image + 1) * PIXELS)
      .map((v) =>
        image === 0 ? [v, 0.3, -0.02 * v] : [v * 1e-6 + 0.1, v * 5e-4 - 0.2, v * 0.02 + 0.5],
      );
  /** Channel `c` of an RGBA array. */
  const channel = (rgba: Uint8ClampedArray, c: number) => rgba.filter((_, i) => i % 4 === c);
  const extent = (values: Uint8ClampedArray) => [Math.min(...values), Math.max(...values)];

  it('stretches each channel on its own and prints its ends, for a T whose output is known', async () => {
    const [varied] = (await colorizationPreview(known, x)) as [PreviewPixels];
    const ref = expected(knownRgb(0), [false, true, false]);
    expectRangesClose(varied.ranges, ref.ranges as ChannelRange[]);
    expectBytesClose(varied.stretched, ref.stretched);
    expectBytesClose(varied.color, clip(ref.color));
    expect(varied.nearConstant).toBe(false);
    // R and the faint B use the whole 0..255 scale; G is constant, so mid-gray, never noise.
    expect(extent(channel(varied.stretched, 0))).toEqual([0, 255]);
    expect(extent(channel(varied.stretched, 2))).toEqual([0, 255]);
    expect(new Set(channel(varied.stretched, 1))).toEqual(new Set([FLAT_GRAY]));
    expect(varied.gray).toHaveLength(PIXELS * 4);
  });

  it('flags a near-constant T, stretches its faint channels and leaves its flat one mid-gray', async () => {
    const [, faint] = (await colorizationPreview(known, x)) as [PreviewPixels, PreviewPixels];
    const ref = expected(knownRgb(1), [true, false, false]);
    expectRangesClose(faint.ranges, ref.ranges as ChannelRange[]);
    expectBytesClose(faint.stretched, ref.stretched);
    expectBytesClose(faint.color, clip(ref.color));
    expect(faint.nearConstant).toBe(true);
    expect(new Set(channel(faint.stretched, 0))).toEqual(new Set([FLAT_GRAY]));
    expect(extent(channel(faint.stretched, 1))).toEqual([0, 255]);
    // What E sees barely moves: at most 3 levels in any channel.
    for (const c of [0, 1, 2]) {
      const [low = 0, high = 0] = extent(channel(faint.color, c));
      expect(high - low).toBeLessThanOrEqual(3);
    }
  });

  it('agrees with a plain-JS reading of a seeded ColorU output, without leaking tensors', async () => {
    const colorizer = createColorizer('coloru', { seed: 3 });
    const input = tf.tensor4d(grayValues(UNET_SIZE), [2, UNET_SIZE, UNET_SIZE, 1]);
    const before = tf.memory().numTensors;
    const images = await colorizationPreview(colorizer, input);
    expect(tf.memory().numTensors).toBe(before);
    const raw = colorizer.apply(input, false); // [2,32,32,3]
    const output = (await raw.array()) as number[][][][];
    tf.dispose([raw, input]);
    colorizer.dispose();
    images.forEach((image, i) => {
      const rgb = (output[i] as number[][][]).flat();
      const ref = expected(
        rgb,
        image.ranges.map((r) => r.flat),
      );
      expect(image.ranges.some((r) => r.flat)).toBe(false); // a random ColorU varies
      expectRangesClose(image.ranges, ref.ranges as ChannelRange[]);
      expectBytesClose(image.stretched, ref.stretched);
      expectBytesClose(image.color, clip(ref.color));
    });
  });
});
