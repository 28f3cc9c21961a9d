// PixelShuffle colorizer (SPEC §1, 599,440 parameters): residual stem → 1×1 conv 64→48 → BN →
// pixel shuffle ×4 (PyTorch channel order) → replication pad (left, top) → 2×2 average blur.
// tfjs only.
import * as tf from '@tensorflow/tfjs';
import { fanIn, pytorchDefaultUniform } from '../init';
import { type ApplyWithMode, type Builder, batchNorm, conv2d } from '../layers';
import { residualStem, STEM_WIDTH } from './residual-stem';

const SCALE = 4;
const COLOURS = 3;
const SUBPIXELS = SCALE * SCALE; // 16 sub-pixel channels per colour

/**
 * PyTorch's pixel shuffle, `out[c, h·r+i, w·r+j] = in[c·r² + i·r + j, h, w]`, by reshape and
 * transpose (tf.depthToSpace is block-major and has no gradient in tfjs 4.22).
 * [N,H,W,3·r²] → [N,H·r,W·r,3].
 */
export function pixelShuffle(x: tf.Tensor4D, r: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const colours = c / (r * r);
  return tf.tidy(() =>
    x
      .reshape([n, h, w, colours, r, r]) // [N,H,W,C,i,j]
      .transpose([0, 1, 4, 2, 5, 3]) // [N,H,i,W,j,C]
      .reshape([n, h * r, w * r, colours]),
  );
}

/** ReplicationPad2d((1,0,1,0)) by slice + concat: [N,H,W,C] → [N,H+1,W+1,C]. */
function replicatePadTopLeft(x: tf.Tensor4D): tf.Tensor4D {
  const [n, , w, c] = x.shape;
  const withTop = tf.concat([tf.slice(x, [0, 0, 0, 0], [n, 1, w, c]), x], 1);
  const h1 = withTop.shape[1];
  return tf.concat([tf.slice(withTop, [0, 0, 0, 0], [n, h1, 1, c]), withTop], 2);
}

/**
 * ICNR init: one kernel per colour shared by its 16 sub-pixel channels, so the shuffle starts
 * as a nearest-neighbour ×4 upsample (no checkerboard at step 0). PyTorch layout [48,64,1,1].
 */
function icnrWeights(b: Builder): Float32Array {
  const shape = [COLOURS * SUBPIXELS, STEM_WIDTH, 1, 1];
  const perColour = pytorchDefaultUniform(
    [COLOURS, STEM_WIDTH],
    1 / Math.sqrt(fanIn(shape)),
    b.random,
  );
  const out = new Float32Array(COLOURS * SUBPIXELS * STEM_WIDTH);
  for (let channel = 0; channel < COLOURS * SUBPIXELS; channel++) {
    const colour = Math.floor(channel / SUBPIXELS);
    out.set(
      perColour.subarray(colour * STEM_WIDTH, (colour + 1) * STEM_WIDTH),
      channel * STEM_WIDTH,
    );
  }
  return out;
}

function shuffleHead(b: Builder): ApplyWithMode {
  const conv = conv2d(b, 'pixel_shuffle.conv.0', {
    inChannels: STEM_WIDTH,
    outChannels: COLOURS * SUBPIXELS,
    kernel: 1,
    weightInit: icnrWeights(b),
  });
  const bn = batchNorm(b, 'pixel_shuffle.conv.1', COLOURS * SUBPIXELS);
  return (x, training) => {
    const sub = bn(conv(x), training); // [N,H/4,W/4,48]
    // The reference's Hardtanh(±10000) is an identity for any sane activation: omitted.
    const shuffled = pixelShuffle(sub, SCALE); // [N,H,W,3]
    return tf.avgPool(replicatePadTopLeft(shuffled), 2, 1, 'valid'); // [N,H,W,3]
  };
}

export function buildPixelShuffle(b: Builder): ApplyWithMode {
  const stem = residualStem(b);
  const head = shuffleHead(b);
  return (x, training) => head(stem(x, training), training); // [N,H,W,1] → [N,H,W,3]
}
