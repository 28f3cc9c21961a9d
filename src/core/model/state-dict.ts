// The state-dict type shared by the model and the file formats, and small helpers on name-keyed
// records. tfjs types only: the model code imports it from here without pulling in any format.
import * as tf from '@tensorflow/tfjs';

/** Tensors keyed by PyTorch names, in PyTorch layouts (`[out,in,kh,kw]` for convs). */
export interface StateDict {
  [name: string]: tf.Tensor;
}

/**
 * Copies of `sd` whose values sit in host memory, read with asynchronous reads. Serializing them
 * (writeSafetensors) then needs no synchronous GPU read-back, which a worker on WebGPU cannot do:
 * it goes through an OffscreenCanvas and leaves the device unusable. The caller disposes them.
 */
export async function hostStateDict(sd: StateDict): Promise<StateDict> {
  const out: StateDict = {};
  for (const [name, tensor] of Object.entries(sd)) {
    setEntry(out, name, tf.tensor(await tensor.data(), tensor.shape, tensor.dtype));
  }
  return out;
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
