// SGD with momentum and decoupled weight decay, exactly as SPEC §4 (PyTorch/fastai form):
// p ← p·(1 − lr·wd); v ← mom·v + g; p ← p − lr·v. One fused kernel per variable where the backend
// has it (WebGPU, CPU), else five tfjs ops. tfjs only.
import * as tf from '@tensorflow/tfjs';
import { hasSgdUpdateKernel, sgdHyperValues, sgdUpdate } from '../backend/sgd-update';
import type { StateDict } from '../model/state-dict';

export interface SgdHyper {
  lr: number;
  momentum: number;
  weightDecay: number;
}

export class Sgd {
  /** One momentum buffer per variable, created up front so memory stays flat across steps. */
  private readonly velocity = new Map<tf.Variable, tf.Variable>();

  constructor(variables: readonly tf.Variable[]) {
    for (const v of variables) {
      this.velocity.set(
        v,
        tf.tidy(() => tf.variable(tf.zerosLike(v), false)),
      );
    }
  }

  /** Applies one update; `grads` maps variable names to gradients and stays owned by the caller. */
  step(grads: tf.NamedTensorMap, hyper: SgdHyper): void {
    const known = new Set([...this.velocity.keys()].map((v) => v.name));
    const strangers = Object.keys(grads).filter((name) => !known.has(name));
    if (strangers.length > 0) {
      // e.g. a classifier replaced by resetClassifier after this optimizer was built.
      throw new Error(
        `Sgd has no momentum buffer for ${strangers.join(', ')}: build it after the network's parts are final`,
      );
    }
    if (hasSgdUpdateKernel()) this.fusedStep(grads, hyper);
    else this.opStep(grads, hyper);
  }

  /** One kernel per variable: no readback, the hyperparameters uploaded once per step. */
  private fusedStep(grads: tf.NamedTensorMap, hyper: SgdHyper): void {
    tf.tidy(() => {
      const scalars = tf.tensor1d(sgdHyperValues(hyper.lr, hyper.momentum, hyper.weightDecay));
      for (const [variable, velocity] of this.velocity) {
        const grad = grads[variable.name];
        if (!grad) continue;
        const [param, momentum] = sgdUpdate(variable, velocity, grad, scalars);
        variable.assign(param);
        velocity.assign(momentum);
      }
    });
  }

  private opStep(grads: tf.NamedTensorMap, hyper: SgdHyper): void {
    tf.tidy(() => {
      for (const [variable, velocity] of this.velocity) {
        const grad = grads[variable.name];
        if (!grad) continue;
        const decayed = variable.mul(1 - hyper.lr * hyper.weightDecay);
        velocity.assign(velocity.mul(hyper.momentum).add(grad));
        variable.assign(decayed.sub(velocity.mul(hyper.lr)));
      }
    });
  }

  /** Clones of the momentum buffers (tfjs layout) keyed by the given variable names, for a
   *  checkpoint; the caller disposes them. */
  momentumState(named: readonly [string, tf.Variable][]): StateDict {
    const state: StateDict = {};
    for (const [name, variable] of named) {
      const velocity = this.velocity.get(variable);
      if (velocity) state[name] = velocity.clone();
    }
    return state;
  }

  /** Puts buffers from momentumState back; every buffer must be present with its shape. */
  loadMomentumState(named: readonly [string, tf.Variable][], state: StateDict): void {
    const problems = named.flatMap(([name, variable]) => {
      const saved = state[name];
      if (!saved) return [`missing momentum for ${name}`];
      return tf.util.arraysEqual(saved.shape, variable.shape)
        ? []
        : [`momentum for ${name} has shape [${saved.shape}], expected [${variable.shape}]`];
    });
    if (problems.length > 0)
      throw new Error(`checkpoint does not fit:\n  ${problems.join('\n  ')}`);
    for (const [name, variable] of named)
      this.velocity.get(variable)?.assign(state[name] as tf.Tensor);
  }

  dispose(): void {
    for (const v of this.velocity.values()) v.dispose();
    this.velocity.clear();
  }
}
