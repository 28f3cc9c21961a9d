// Decoded tensors on the host, and their one-step upload into tfjs. tfjs only: the readers build
// every HostTensor first and create tfjs tensors last, so a malformed file allocates none.
import * as tf from '@tensorflow/tfjs';
import { disposeStateDict, type StateDict, setEntry } from '../model/state-dict';
import type { HostValues } from './dtypes';

/** One tensor's decoded data: C-order values and a PyTorch-layout shape. */
export interface HostTensor {
  shape: number[];
  values: HostValues;
}

/**
 * Creates one tfjs tensor per entry; the caller owns (and disposes) the returned tensors.
 * tfjs keeps typed arrays by reference, so tensors may share memory with the file's bytes.
 * If a creation fails, the tensors made so far are disposed before rethrowing.
 */
export function createStateDict(entries: Iterable<readonly [string, HostTensor]>): StateDict {
  const out: StateDict = {};
  try {
    for (const [name, host] of entries) {
      const dtype = host.values instanceof Float32Array ? 'float32' : 'int32';
      setEntry(out, name, tf.tensor(host.values, host.shape, dtype));
    }
  } catch (error) {
    disposeStateDict(out);
    throw error;
  }
  return out;
}
