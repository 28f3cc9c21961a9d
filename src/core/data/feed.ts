// What every training feed is: a seeded, endless source of static-shape batches. Types only, so the
// loop (train/), the LR finder and every feed (memory, IndexedDB shards) share one definition.
import type * as tf from '@tensorflow/tfjs';

/** One batch; whoever receives it owns (and disposes) the three tensors. */
export interface Batch {
  x: tf.Tensor4D; // [N,H,W,1] normalized gray
  targets: tf.Tensor2D; // [N,L] 0/1
  mask: tf.Tensor2D; // [N,L] 1 = use
}

/** Endless training batches. `next` resolves once the batch's images are in memory (a streaming
 *  feed may still be loading them); the caller owns the batch. */
export interface BatchFeed {
  next(): Promise<Batch>;
}

/** How any feed draws its batches. */
export interface FeedOptions {
  /** Square input size S. */
  size: number;
  /** N: every batch has exactly N items (the last partial batch of an epoch is dropped). */
  batchSize: number;
  seed: number;
  /** Random crop, rotation and zoom (SPEC §4). Default true. */
  augment?: boolean;
  /**
   * Streaming feeds only: shards shuffled together (a shuffle window). Memory holds at most this
   * window, the next one being prefetched and fewer than N carried-over images. Default 4.
   */
  windowShards?: number;
}
