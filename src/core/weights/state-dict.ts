// The state-dict type shared by the model and the file formats, and small helpers on name-keyed
// records. tfjs types only: the model code imports it from here without pulling in any format.
import type * as tf from '@tensorflow/tfjs';

/** Tensors keyed by PyTorch names, in PyTorch layouts (`[out,in,kh,kw]` for convs). */
export interface StateDict {
  [name: string]: tf.Tensor;
}

/** Disposes every tensor of a state dict (for callers that own one, e.g. a reader's result). */
export function disposeStateDict(sd: StateDict): void {
  for (const tensor of Object.values(sd)) tensor.dispose();
}

/**
 * Adds an own, enumerable entry. Names come from files: plain assignment of "__proto__" would
 * change the record's prototype instead of adding an entry.
 */
export function setEntry<T>(record: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(record, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
