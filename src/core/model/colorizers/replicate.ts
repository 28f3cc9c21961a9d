// The paper's Baseline "colorizer": no parameters, the normalized gray channel copied to RGB.
// tfjs only.
import * as tf from '@tensorflow/tfjs';
import type { ApplyWithMode } from '../layers';

/** [N,H,W,1] → [N,H,W,3]. */
export const replicateGray: ApplyWithMode = (x) => tf.tile(x, [1, 1, 1, 3]);
