// Named parameters of one network part, kept in tfjs layout and exchanged in PyTorch names and
// layouts. Imports tfjs only: the core runs unchanged in a worker, in Node and in Chromium.
import * as tf from '@tensorflow/tfjs';
import {
  convTransposeWeightFromTf,
  convTransposeWeightToTf,
  convWeightFromTf,
  convWeightToTf,
  linearWeightFromTf,
  linearWeightToTf,
} from './layouts';
import type { StateDict } from './state-dict';

/** How a PyTorch tensor maps to its tfjs twin (see weights/layouts.ts); vectors are unchanged. */
export type Layout = 'conv' | 'convTranspose' | 'linear' | 'vector';

interface Entry {
  variable: tf.Variable;
  layout: Layout;
  torchShape: number[];
  /** false for running statistics: saved and loaded, never given a gradient. */
  trainable: boolean;
}

/** A new tfjs-layout tensor from a PyTorch-layout one; the caller owns it. */
export function torchToTfjs(value: tf.Tensor, layout: Layout): tf.Tensor {
  if (layout === 'conv') return convWeightToTf(value);
  if (layout === 'convTranspose') return convTransposeWeightToTf(value);
  if (layout === 'linear') return linearWeightToTf(value);
  return value.clone();
}

/** A new PyTorch-layout tensor from a tfjs-layout one; the caller owns it. */
export function tfjsToTorch(value: tf.Tensor, layout: Layout): tf.Tensor {
  if (layout === 'conv') return convWeightFromTf(value);
  if (layout === 'convTranspose') return convTransposeWeightFromTf(value);
  if (layout === 'linear') return linearWeightFromTf(value);
  return value.clone();
}

export interface LoadOptions {
  /** Throw when an entry is missing or unexpected (shape mismatches always throw). */
  strict?: boolean;
}

export class ParameterStore {
  private readonly entries = new Map<string, Entry>();
  /** Constant tensors a layer needs at every call (masks); disposed with the store. */
  private readonly constants: tf.Tensor[] = [];

  constructor(private readonly partName: string) {}

  /** Registers a parameter from PyTorch-layout values; the store owns the variable. */
  add(name: string, torchShape: number[], layout: Layout, values: Float32Array, trainable = true) {
    if (this.entries.has(name)) throw new Error(`${this.partName}: duplicate parameter ${name}`);
    const variable = tf.tidy(() =>
      tf.variable(
        torchToTfjs(tf.tensor(values, torchShape), layout),
        trainable,
        this.varName(name),
      ),
    );
    this.entries.set(name, { variable, layout, torchShape, trainable });
    return variable;
  }

  private varName(name: string): string {
    // Variable names are global in tfjs; a counter keeps two networks apart.
    return `${this.partName}/${name}#${nextVariableId++}`;
  }

  /** Keeps a constant alive until the store is disposed. */
  addConstant<T extends tf.Tensor>(value: T): T {
    this.constants.push(tf.keep(value));
    return value;
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  trainableVariables(): tf.Variable[] {
    return this.namedTrainableVariables().map(([, v]) => v);
  }

  /** [PyTorch name, variable (tfjs layout)] of every trainable parameter, in registration order. */
  namedTrainableVariables(): [string, tf.Variable][] {
    return [...this.entries].filter(([, e]) => e.trainable).map(([name, e]) => [name, e.variable]);
  }

  parameterCount(): number {
    let count = 0;
    for (const e of this.entries.values()) if (e.trainable) count += e.variable.size;
    return count;
  }

  /** New tensors in PyTorch names and layouts; the caller disposes them. */
  stateDict(): StateDict {
    const out: StateDict = {};
    for (const [name, e] of this.entries) out[name] = tfjsToTorch(e.variable, e.layout);
    return out;
  }

  /**
   * Loads PyTorch-layout tensors (the caller keeps ownership of `sd`). Everything is checked
   * before anything is assigned, so a rejected file leaves the part untouched.
   */
  loadStateDict(sd: StateDict, opts: LoadOptions = {}): void {
    const problems = this.problems(sd, opts);
    if (problems.length > 0) {
      throw new Error(`state dict does not fit:\n  ${problems.join('\n  ')}`);
    }
    for (const [name, e] of this.entries) {
      const value = sd[name];
      if (!value) continue;
      const converted = tf.tidy(() => torchToTfjs(value.toFloat(), e.layout));
      e.variable.assign(converted);
      converted.dispose(); // the variable keeps its own reference to the data
    }
  }

  /** Human-readable reasons `sd` cannot be loaded, each prefixed with this part's name. */
  problems(sd: StateDict, opts: LoadOptions = {}): string[] {
    const strict = opts.strict ?? true;
    const problems: string[] = [];
    for (const [name, e] of this.entries) {
      const value = sd[name];
      if (!value) {
        if (strict) problems.push(`${this.partName}: missing ${name} ${fmtShape(e.torchShape)}`);
      } else if (!sameShape(value.shape, e.torchShape)) {
        problems.push(
          `${this.partName}: wrong shape for ${name}: file has ${fmtShape(value.shape)}, model expects ${fmtShape(e.torchShape)}`,
        );
      }
    }
    if (strict) {
      for (const name of Object.keys(sd)) {
        if (!this.entries.has(name) && !name.endsWith('num_batches_tracked')) {
          problems.push(`${this.partName}: unexpected ${name} ${fmtShape(sd[name]?.shape ?? [])}`);
        }
      }
    }
    return problems;
  }

  dispose(): void {
    for (const e of this.entries.values()) e.variable.dispose();
    for (const c of this.constants) c.dispose();
    this.entries.clear();
    this.constants.length = 0;
  }
}

let nextVariableId = 0;

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
