// Every Conv2DBackpropFilter call of one training step, recorded from the model itself: a
// wrapper kernel notes each call's shapes and attributes and runs the registered kernel. Shared by
// the structural-figures bench (Node) and the WebGPU numerics test (Chromium).
import * as tf from '@tensorflow/tfjs';
import {
  type BackboneKind,
  type ColorizerKind,
  createNetwork,
  maskedBceWithLogits,
} from '../../src/core';

const NAME = 'Conv2DBackpropFilter';

/** A filter-gradient call as tfjs's engine sees it (NHWC). */
export interface FilterCall {
  /** The layer, from the model's recorded order (e.g. 'coloru #3'). */
  label: string;
  xShape: [number, number, number, number];
  dyShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  strides: [number, number];
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

interface RawAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** Runs `fn` with the current backend's filter-gradient kernel wrapped; returns the calls. */
export function recordFilterCalls(fn: () => void): Omit<FilterCall, 'label'>[] {
  const backend = tf.getBackend();
  const config = tf.getKernel(NAME, backend);
  if (!config) throw new Error(`${backend} has no ${NAME} kernel`);
  const calls: Omit<FilterCall, 'label'>[] = [];
  const recorder: tf.KernelFunc = (args) => {
    const attrs = args.attrs as unknown as RawAttrs;
    const strides = typeof attrs.strides === 'number' ? attrs.strides : attrs.strides[0];
    calls.push({
      xShape: [...(args.inputs.x as tf.TensorInfo).shape] as FilterCall['xShape'],
      dyShape: [...(args.inputs.dy as tf.TensorInfo).shape] as FilterCall['dyShape'],
      filterShape: [...attrs.filterShape],
      strides: typeof attrs.strides === 'number' ? [strides, strides] : attrs.strides,
      pad: attrs.pad,
      dimRoundingMode: attrs.dimRoundingMode,
    });
    return config.kernelFunc(args);
  };
  tf.unregisterKernel(NAME, backend);
  tf.registerKernel({ kernelName: NAME, backendName: backend, kernelFunc: recorder });
  try {
    fn();
  } finally {
    tf.unregisterKernel(NAME, backend);
    tf.registerKernel(config);
  }
  return calls;
}

export interface ModelSpec {
  colorizer: ColorizerKind;
  backbone: BackboneKind;
  widthMultiplier: number;
  size: number;
  batch: number;
}

/** Names the calls (in backward order) after the part's 4-D weights: each call takes the last
 *  registered weight of its filter shape not yet taken (backward runs in reverse). A filter that
 *  is not a weight (DECONV's masked transposed convolution) is named by its shape. */
function nameCalls(
  calls: Omit<FilterCall, 'label'>[],
  weights: [string, tf.Variable][],
  prefix: string,
): FilterCall[] {
  const left = weights.filter(([, v]) => v.rank === 4).reverse();
  return calls.map((call) => {
    const at = left.findIndex(([, v]) => tf.util.arraysEqual(v.shape, call.filterShape));
    const named = at >= 0 ? left.splice(at, 1)[0]?.[0] : undefined;
    return { ...call, label: named ?? `${prefix}(${call.filterShape.join('×')} filter)` };
  });
}

export type ModelPart = 'colorizer' | 'backbone';

/** The filter-gradient calls of `part` in one All-stage step of `spec` (training-mode
 *  BatchNorm), in the order the backward pass makes them, labelled with the weight's
 *  PyTorch-style name. Only that part's variables are differentiated, so only its calls run. */
export function modelFilterCalls(spec: ModelSpec, part: ModelPart): FilterCall[] {
  const net = createNetwork({ ...spec, numClasses: 2, seed: 0 });
  const prefix = part === 'colorizer' ? 'deco.' : 'pt_model.';
  const named = net.namedTrainableVariables().filter(([name]) => name.startsWith(prefix));
  try {
    const calls = recordFilterCalls(() =>
      tf.tidy(() => {
        const x = tf.randomNormal([spec.batch, spec.size, spec.size, 1]) as tf.Tensor4D;
        const targets = tf.ones([spec.batch, 2]) as tf.Tensor2D;
        const { value, grads } = tf.variableGrads(
          () => maskedBceWithLogits(net.logits(x, true), targets, targets),
          named.map(([, v]) => v),
        );
        tf.dispose([value, ...Object.values(grads)]);
      }),
    );
    return nameCalls(calls, named, prefix);
  } finally {
    net.dispose();
  }
}
