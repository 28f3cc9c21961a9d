// The live colorization preview: what T makes of a fixed set of validation images, as RGBA bytes
// the page paints into canvases. tfjs only.
import * as tf from '@tensorflow/tfjs';
import { GRAY_MEAN, GRAY_STD, IMAGENET_MEAN, IMAGENET_STD } from '../data/normalization';
import type { Colorizer } from '../model';

export interface PreviewPixels {
  width: number;
  height: number;
  /** The input as the radiologist sees it, RGBA. */
  gray: Uint8ClampedArray;
  /** T's output mapped back through ImageNet's normalization (what E "sees"), RGBA. */
  color: Uint8ClampedArray;
}

/** x: [P,S,S,1] normalized gray (owned by the caller). Runs T in inference mode. */
export async function colorizationPreview(
  colorizer: Colorizer,
  x: tf.Tensor4D,
): Promise<PreviewPixels[]> {
  const [count, height, width] = x.shape;
  const [grayRgba, colorRgba] = tf.tidy(() => {
    const gray = x.mul(GRAY_STD).add(GRAY_MEAN).mul(255); // [P,S,S,1] 0..255
    const rgb = colorizer
      .apply(x, false)
      .mul(tf.tensor1d([...IMAGENET_STD]))
      .add(tf.tensor1d([...IMAGENET_MEAN]))
      .mul(255); // [P,S,S,3]
    const opaque = tf.fill([count, height, width, 1], 255);
    return [
      tf
        .concat([gray, gray, gray, opaque], 3)
        .clipByValue(0, 255), // [P,S,S,4]
      tf.concat([rgb, opaque], 3).clipByValue(0, 255),
    ];
  });
  const [grayValues, colorValues] = await Promise.all([grayRgba.data(), colorRgba.data()]);
  tf.dispose([grayRgba, colorRgba]);
  const pixels = height * width * 4;
  return Array.from({ length: count }, (_, i) => ({
    width,
    height,
    gray: Uint8ClampedArray.from(grayValues.subarray(i * pixels, (i + 1) * pixels)),
    color: Uint8ClampedArray.from(colorValues.subarray(i * pixels, (i + 1) * pixels)),
  }));
}
