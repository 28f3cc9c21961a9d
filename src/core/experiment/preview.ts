// The live colorization preview: what T makes of a fixed set of validation images, as RGBA bytes
// the page paints into canvases, with T's per-channel value ranges so that a near-constant output
// is visibly so. tfjs only.
import * as tf from '@tensorflow/tfjs';
import { GRAY_MEAN, GRAY_STD, IMAGENET_MEAN, IMAGENET_STD } from '../data/normalization';
import type { Colorizer } from '../model';

/** A channel whose values span less than this on the 0..255 display scale is flat: constant up
 *  to float error (float32 rounding of T's output is ~10⁻⁵ of a level), so stretching it would
 *  magnify that error into noise; it is drawn mid-gray instead. Anything wider is real structure
 *  that E receives, however faint, and is stretched. */
export const FLAT_RANGE = 0.01;

/** An image whose every channel spans less than this on the 0..255 scale (3 % of it) looks like
 *  one flat color: T's output is near-constant, whatever the stretch reveals. */
export const NEAR_CONSTANT_RANGE = 8;

/** The stretched value of a flat channel (mid-gray): "nothing here", never noise. */
export const FLAT_GRAY = 128;

/** One output channel of T over one image, both ends in two units. */
export interface ChannelRange {
  /** T's raw output, in ImageNet-normalized units: exactly what E receives. */
  min: number;
  max: number;
  /** The same ends mapped back to display values, (v · std + mean) · 255, not clipped: the scale
   *  of the `color` image (which clips to 0..255). */
  displayMin: number;
  displayMax: number;
  /** displayMax − displayMin < FLAT_RANGE: the channel is drawn mid-gray in `stretched`. */
  flat: boolean;
}

export interface PreviewPixels {
  width: number;
  height: number;
  /** The input as the radiologist sees it, RGBA. */
  gray: Uint8ClampedArray;
  /** T's output mapped back through ImageNet's normalization (what E "sees"), RGBA. */
  color: Uint8ClampedArray;
  /** T's output with each channel min–max stretched to 0..255 on its own (flat channels at
   *  FLAT_GRAY), RGBA: whatever structure T makes, however faint. */
  stretched: Uint8ClampedArray;
  /** R, G, B. */
  ranges: ChannelRange[];
  /** Every channel spans under NEAR_CONSTANT_RANGE display levels: T's output looks like one
   *  flat color (the stretch may still show faint structure; `ranges` say how faint). */
  nearConstant: boolean;
}

/** All the preview needs of T (a test can pass a fixed function). */
export type PreviewColorizer = Pick<Colorizer, 'apply'>;

const imagenet = (values: readonly number[]) => tf.tensor1d([...values]); // [3]

/** The three RGBA images of the preview, [P,S,S,4] each, and T's per-image channel ends [P,3]
 *  in normalized units. Tidy: the caller disposes what it returns. */
function previewTensors(colorizer: PreviewColorizer, x: tf.Tensor4D) {
  return tf.tidy(() => {
    const [count, height, width] = x.shape;
    const opaque = tf.fill([count, height, width, 1], 255); // [P,S,S,1]
    const rgba = (rgb: tf.Tensor) => tf.concat([rgb, opaque], 3).clipByValue(0, 255); // [P,S,S,4]
    const gray = x.mul(GRAY_STD).add(GRAY_MEAN).mul(255); // [P,S,S,1] 0..255
    const raw = colorizer.apply(x, false); // [P,S,S,3] normalized
    const std = imagenet(IMAGENET_STD);
    const low = raw.min([1, 2], true); // [P,1,1,3]
    const high = raw.max([1, 2], true); // [P,1,1,3]
    const span = high.sub(low); // [P,1,1,3] normalized
    const flat = span.mul(std).mul(255).less(FLAT_RANGE).toFloat(); // [P,1,1,3] 1 = flat
    // A flat channel divides by span + 1, not ~0, and is then replaced by mid-gray.
    const unit = raw.sub(low).div(span.add(flat)); // [P,S,S,3] 0..1
    const stretched = unit.mul(255).mul(tf.scalar(1).sub(flat)).add(flat.mul(FLAT_GRAY)); // [P,S,S,3] 0..255
    return {
      gray: rgba(tf.concat([gray, gray, gray], 3)),
      color: rgba(raw.mul(std).add(imagenet(IMAGENET_MEAN)).mul(255)),
      stretched: rgba(stretched),
      low: low.reshape([count, 3]), // [P,3]
      high: high.reshape([count, 3]), // [P,3]
      flat: flat.reshape([count, 3]), // [P,3] 1 = flat
    };
  });
}

/** Channel `channel`'s ends from its normalized `min` and `max`; `flat` as the stretch decided. */
function channelRange(channel: number, min: number, max: number, flat: boolean): ChannelRange {
  const std = IMAGENET_STD[channel] ?? 1;
  const mean = IMAGENET_MEAN[channel] ?? 0;
  const display = (v: number) => (v * std + mean) * 255;
  return { min, max, displayMin: display(min), displayMax: display(max), flat };
}

/** x: [P,S,S,1] normalized gray (owned by the caller). Runs T in inference mode. */
export async function colorizationPreview(
  colorizer: PreviewColorizer,
  x: tf.Tensor4D,
): Promise<PreviewPixels[]> {
  const [count, height, width] = x.shape;
  const t = previewTensors(colorizer, x);
  const [gray, color, stretched, low, high, flat] = await Promise.all([
    t.gray.data<'float32'>(),
    t.color.data<'float32'>(),
    t.stretched.data<'float32'>(),
    t.low.data<'float32'>(),
    t.high.data<'float32'>(),
    t.flat.data<'float32'>(),
  ]).finally(() => tf.dispose(Object.values(t)));
  const pixels = height * width * 4;
  const image = (values: Float32Array, i: number) =>
    Uint8ClampedArray.from(values.subarray(i * pixels, (i + 1) * pixels));
  return Array.from({ length: count }, (_, i) => {
    const ranges = [0, 1, 2].map((c) => {
      const k = i * 3 + c;
      return channelRange(c, low[k] ?? Number.NaN, high[k] ?? Number.NaN, flat[k] === 1);
    });
    return {
      width,
      height,
      gray: image(gray, i),
      color: image(color, i),
      stretched: image(stretched, i),
      ranges,
      nearConstant: ranges.every((r) => r.displayMax - r.displayMin < NEAR_CONSTANT_RANGE),
    };
  });
}
