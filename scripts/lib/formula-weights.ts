// TypeScript twin of scripts/fixtures/formula_weights.py: deterministic weights both sides compute,
// so parity fixtures store only inputs and outputs. Keep the two in lockstep. In scripts/lib/
// because scripts/fixtures/export-for-parity.ts uses it as well as the parity tests, and scripts
// never import test/.
import * as tf from '@tensorflow/tfjs';
import type { Part } from '../../src/core/model';
import type { StateDict } from '../../src/core/model/state-dict';

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A value in [-1, 1) from the counter-based integer hash lowbias32 (exact in both languages). */
function hashUniform(key: number, i: number): number {
  let x = (Math.imul(i, 0x9e3779b1) + key) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x ^= x >>> 16;
  return (x >>> 0) / 2147483648 - 1;
}

/** Float32 values (PyTorch layout) of the state-dict entry `name`, as the Python formula. */
export function formulaValue(name: string, shape: readonly number[]): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const key = fnv1a32(name);
  const out = new Float32Array(n);
  const fanIn = n / (shape[0] ?? 1);
  for (let i = 0; i < n; i++) {
    const wave = hashUniform(key, i);
    if (name.endsWith('running_var')) out[i] = 0.5 + 0.25 * (1 + wave);
    else if (name.endsWith('running_mean')) out[i] = 0.1 * wave;
    else if (shape.length === 1 && name.endsWith('weight')) out[i] = 1 + 0.1 * wave;
    else if (shape.length === 1) out[i] = 0.05 * wave;
    else out[i] = wave * Math.sqrt(6 / fanIn);
  }
  return out;
}

/** Fills every entry of `part` by the formula (strict load: names and shapes must match). */
export function loadFormulaWeights(part: Part): void {
  const current = part.stateDict();
  const formula: StateDict = {};
  for (const [name, tensor] of Object.entries(current)) {
    formula[name] = tf.tensor(formulaValue(name, tensor.shape), tensor.shape);
    tensor.dispose();
  }
  part.loadStateDict(formula, { strict: true });
  for (const t of Object.values(formula)) t.dispose();
}
