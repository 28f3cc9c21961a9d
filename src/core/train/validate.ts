// Scoring a network on evaluation batches: the logits in inference mode with each batch's targets
// and masks, and the per-label validation AUC, interruptible between batches (Stop and Pause act
// within one batch, also while validating) and reporting how many images are scored. tfjs only.
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../data/feed';
import { type LabelAucSummary, perLabelAuc } from '../eval/auc';
import type { Network } from '../model';
import { yieldToEventLoop } from '../util/event-loop';

/** How a caller steers and watches a validation pass. */
export interface ValidationControl {
  /** Polled between batches: true abandons the pass. */
  shouldStop?: () => boolean;
  /** Awaited between batches: a paused validation waits inside it. */
  waitWhilePaused?: () => Promise<void>;
  /** After each batch: images scored so far, of `total`. */
  onProgress?: (done: number, total: number) => void;
}

export interface Scores {
  targets: number[][];
  /** Logits, [N,L]: rank-equivalent to sigmoid probabilities (so the same AUC), but a confident
   *  network's large logits stay distinct where float32 sigmoids saturate to 1 and tie. */
  scores: number[][];
  masks: number[][];
}

/** The network's logits on `batches` with their targets and masks (plain arrays, [N,L] each), or
 *  null when `control.shouldStop` ended the pass early. */
export async function gatherScores(
  network: Network,
  batches: readonly Batch[],
  control: ValidationControl = {},
): Promise<Scores | null> {
  const gathered: Scores = { targets: [], scores: [], masks: [] };
  const total = batches.reduce((n, b) => n + (b.x.shape[0] ?? 0), 0);
  for (const batch of batches) {
    if (control.shouldStop) await yieldToEventLoop(); // lets a worker's Stop message in
    await control.waitWhilePaused?.();
    if (control.shouldStop?.()) return null;
    const logits = tf.tidy(() => network.logits(batch.x, false)); // [N,L]
    gathered.scores.push(...((await logits.array()) as number[][]));
    logits.dispose();
    gathered.targets.push(...((await batch.targets.array()) as number[][]));
    gathered.masks.push(...((await batch.mask.array()) as number[][]));
    control.onProgress?.(gathered.scores.length, total);
  }
  return gathered;
}

/** The per-label AUC of the network in inference mode (masked), or null if stopped early. Throws
 *  (perLabelAuc) when a score is not finite: the weights have diverged. */
export async function validate(
  network: Network,
  batches: readonly Batch[],
  control: ValidationControl = {},
): Promise<LabelAucSummary | null> {
  const gathered = await gatherScores(network, batches, control);
  return gathered && perLabelAuc(gathered.targets, gathered.scores, gathered.masks);
}
