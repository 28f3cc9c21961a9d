// A faster Transpose for tfjs's CPU backend. The stock kernel allocates two index arrays per
// element (≈6 µs each), so permuting ResNet18's 11 M weights for a state dict took minutes; this
// one walks the output in order with an odometer over precomputed source strides. tfjs only.
import * as tf from '@tensorflow/tfjs';

const KERNEL = 'Transpose';

interface CpuBackendLike {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: tf.TypedArray): tf.TensorInfo;
}

type NumericArray = Float32Array | Int32Array | Uint8Array;

/** out[i0..in] = x[perm-mapped location], for any rank. */
export function transposeValues<T extends NumericArray>(
  x: T,
  shape: readonly number[],
  perm: readonly number[],
): T {
  const rank = shape.length;
  const inStrides = new Array<number>(rank).fill(1);
  for (let d = rank - 2; d >= 0; d--)
    inStrides[d] = (inStrides[d + 1] as number) * (shape[d + 1] as number);
  const outShape = perm.map((p) => shape[p] as number);
  const step = perm.map((p) => inStrides[p] as number); // source stride of each output dim
  const out = new (x.constructor as new (n: number) => T)(x.length);
  const counter = new Array<number>(rank).fill(0);
  let src = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = x[src] as number;
    for (let d = rank - 1; d >= 0; d--) {
      src += step[d] as number;
      counter[d] = (counter[d] as number) + 1;
      if ((counter[d] as number) < (outShape[d] as number)) break;
      src -= (step[d] as number) * (outShape[d] as number);
      counter[d] = 0;
    }
  }
  return out;
}

let stockKernel: tf.KernelFunc | null = null;

function fastTranspose(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown }) {
  const backend = args.backend as CpuBackendLike;
  const x = args.inputs.x as tf.TensorInfo;
  const { perm } = args.attrs as { perm: number[] };
  const values = backend.data.get(x.dataId).values;
  const numeric =
    values instanceof Float32Array || values instanceof Int32Array || values instanceof Uint8Array;
  if (!numeric && stockKernel) return stockKernel(args as Parameters<tf.KernelFunc>[0]); // strings
  const out = transposeValues(values as NumericArray, x.shape, perm);
  return backend.makeTensorInfo(
    perm.map((p) => x.shape[p] as number),
    x.dtype,
    out,
  );
}

/** Replaces the CPU backend's Transpose kernel; idempotent. */
export function installFastCpuTranspose(): void {
  const current = tf.getKernel(KERNEL, 'cpu');
  if (current?.kernelFunc === fastTranspose) return;
  if (current) {
    stockKernel = current.kernelFunc;
    tf.unregisterKernel(KERNEL, 'cpu');
  }
  tf.registerKernel({
    kernelName: KERNEL,
    backendName: 'cpu',
    kernelFunc: fastTranspose as tf.KernelFunc,
  });
}
