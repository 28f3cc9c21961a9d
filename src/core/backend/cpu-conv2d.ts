// Conv2D, Conv2DBackpropInput (also tfjs's transposed convolution) and Conv2DBackpropFilter for
// tfjs's CPU backend: on the WebAssembly SIMD kernels (wasm-conv2d.ts) when the engine runs them,
// else as im2col + a register-blocked matrix product in JavaScript (≈3 GFLOP/s). The stock kernels
// and our earlier filter-gradient loop ran at ≈0.6: their inner loop over output channels (8–64
// here) reads and writes memory on every multiply-add. Float64 accumulation; the stock forward
// kernel accumulates in float32, so the two agree to float32 rounding. NCHW, dilations and
// non-float32 inputs go to the stock kernels. tfjs only.
import * as tf from '@tensorflow/tfjs';
import { gemm, gemmTransposedA } from './cpu-gemm';
import { col2im, im2col, patchSize } from './cpu-im2col';
import {
  type CpuBackendLike,
  type KernelArgs,
  replaceCpuKernel,
  runStockKernel,
} from './cpu-kernel-registry';
import { wasmConvFilterGradient, wasmConvForward, wasmConvInputGradient } from './wasm-conv2d';
import type { WasmRuntime } from './wasm-runtime';

/** The WebAssembly kernels in use, or null for the JavaScript ones (set by installFastCpuConv2D). */
let wasm: WasmRuntime | null = null;

/** Output pixels per patch matrix: bounds its memory ([pixels, K] float64) for large images. */
const CHUNK_PIXELS = 256;

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dilations?: number | [number, number];
  inputShape?: [number, number, number, number];
  filterShape?: [number, number, number, number];
}

/** Bands of output rows [from, to) of at most CHUNK_PIXELS pixels (at least one row), and the
 *  largest band's pixel count (the patch matrices' height). */
function rowBands(info: tf.backend_util.Conv2DInfo) {
  const rows = Math.max(1, Math.floor(CHUNK_PIXELS / info.outWidth));
  const bands: [number, number][] = [];
  for (let from = 0; from < info.outHeight; from += rows)
    bands.push([from, Math.min(info.outHeight, from + rows)]);
  return { bands, maxPixels: Math.min(rows, info.outHeight) * info.outWidth };
}

/** y[b, band] = im2col(x)[band] · W, with W [K, outChannels] = the filter as stored. */
export function convForward(
  x: Float32Array,
  filter: Float32Array,
  info: tf.backend_util.Conv2DInfo,
) {
  const k = patchSize(info);
  const n = info.outChannels;
  const { bands, maxPixels } = rowBands(info);
  const col = new Float64Array(maxPixels * k); // [pixels, K]
  const product = new Float64Array(maxPixels * n); // [pixels, outChannels]
  const w = Float64Array.from(filter); // [K, outChannels]
  const y = new Float32Array(info.batchSize * info.outHeight * info.outWidth * n);
  for (let b = 0; b < info.batchSize; b++) {
    for (const band of bands) {
      const m = (band[1] - band[0]) * info.outWidth;
      im2col(x, info, b, band, col);
      gemm({ a: col, b: w, c: product, m, k, n });
      y.set(product.subarray(0, m * n), (b * info.outHeight + band[0]) * info.outWidth * n);
    }
  }
  return y;
}

/** dx[b] = Σ over bands of col2im(dy[b, band] · Wᵀ), Wᵀ [outChannels, K]. */
export function convInputGradient(
  dy: Float32Array,
  filter: Float32Array,
  info: tf.backend_util.Conv2DInfo,
) {
  const k = patchSize(info);
  const n = info.outChannels;
  const { bands, maxPixels } = rowBands(info);
  const dyBand = new Float64Array(maxPixels * n); // [pixels, outChannels]
  const colGrad = new Float64Array(maxPixels * k); // [pixels, K]
  const wT = new Float64Array(k * n); // [outChannels, K]
  for (let kk = 0; kk < k; kk++)
    for (let d2 = 0; d2 < n; d2++) wT[d2 * k + kk] = filter[kk * n + d2] as number;
  const imageSize = info.inHeight * info.inWidth * info.inChannels;
  const image = new Float64Array(imageSize); // one image's gradient [inH, inW, inChannels]
  const dx = new Float32Array(info.batchSize * imageSize);
  for (let b = 0; b < info.batchSize; b++) {
    image.fill(0);
    for (const band of bands) {
      const m = (band[1] - band[0]) * info.outWidth;
      const start = (b * info.outHeight + band[0]) * info.outWidth * n;
      dyBand.set(dy.subarray(start, start + m * n));
      gemm({ a: dyBand, b: wT, c: colGrad, m, k: n, n: k });
      col2im(colGrad, info, band, image);
    }
    dx.set(image, b * imageSize);
  }
  return dx;
}

/** dW [K, outChannels] = Σ over images and bands of im2col(x[b], band)ᵀ · dy[b, band]. */
export function convFilterGradient(
  x: Float32Array,
  dy: Float32Array,
  info: tf.backend_util.Conv2DInfo,
) {
  const k = patchSize(info);
  const n = info.outChannels;
  const { bands, maxPixels } = rowBands(info);
  const col = new Float64Array(maxPixels * k); // [pixels, K]
  const dyBand = new Float64Array(maxPixels * n); // [pixels, outChannels]
  const dw = new Float64Array(k * n); // [K, outChannels], summed over every band
  for (let b = 0; b < info.batchSize; b++) {
    for (const band of bands) {
      const m = (band[1] - band[0]) * info.outWidth;
      const start = (b * info.outHeight + band[0]) * info.outWidth * n;
      im2col(x, info, b, band, col);
      dyBand.set(dy.subarray(start, start + m * n));
      gemmTransposedA({ a: col, b: dyBand, c: dw, m: k, k: m, n });
    }
  }
  return Float32Array.from(dw);
}

type ConvKernel = 'Conv2D' | 'Conv2DBackpropInput' | 'Conv2DBackpropFilter';
/** Each kernel's two inputs, in the order its function takes them. */
const INPUTS = {
  Conv2D: ['x', 'filter'],
  Conv2DBackpropInput: ['dy', 'filter'],
  Conv2DBackpropFilter: ['x', 'dy'],
} as const;

function convInfo(kind: ConvKernel, attrs: ConvAttrs, first: tf.TensorInfo, second: tf.TensorInfo) {
  const inputShape = kind === 'Conv2DBackpropInput' ? attrs.inputShape : first.shape;
  const filterShape = kind === 'Conv2DBackpropFilter' ? attrs.filterShape : second.shape;
  return tf.backend_util.computeConv2DInfo(
    inputShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
}

function fastConv(kind: ConvKernel, args: KernelArgs) {
  const backend = args.backend as CpuBackendLike;
  const attrs = args.attrs as ConvAttrs;
  const [first, second] = INPUTS[kind].map((name) => args.inputs[name] as tf.TensorInfo) as [
    tf.TensorInfo,
    tf.TensorInfo,
  ];
  const dilated =
    attrs.dilations !== undefined && !tf.backend_util.tupleValuesAreOne(attrs.dilations);
  if (
    attrs.dataFormat !== 'NHWC' ||
    dilated ||
    first.dtype !== 'float32' ||
    second.dtype !== 'float32'
  )
    return runStockKernel(kind, args);
  const info = convInfo(kind, attrs, first, second);
  const p = backend.data.get(first.dataId).values as Float32Array;
  const q = backend.data.get(second.dataId).values as Float32Array;
  if (kind === 'Conv2D')
    return backend.makeTensorInfo(info.outShape, 'float32', forward(p, q, info));
  if (kind === 'Conv2DBackpropInput')
    return backend.makeTensorInfo(info.inShape, 'float32', inputGradient(p, q, info));
  return backend.makeTensorInfo(info.filterShape, 'float32', filterGradient(p, q, info));
}

type Conv = (p: Float32Array, q: Float32Array, info: tf.backend_util.Conv2DInfo) => Float32Array;

/** The WebAssembly kernel when loaded, else the JavaScript one; a WebAssembly memory that cannot
 *  grow far enough (RangeError) falls back to JavaScript for that call. */
const either =
  (viaWasm: (rt: WasmRuntime, ...args: Parameters<Conv>) => Float32Array, viaJs: Conv): Conv =>
  (p, q, info) => {
    if (!wasm) return viaJs(p, q, info);
    try {
      return viaWasm(wasm, p, q, info);
    } catch (error) {
      if (error instanceof RangeError) return viaJs(p, q, info);
      throw error;
    }
  };
const forward = either(wasmConvForward, convForward);
const inputGradient = either(wasmConvInputGradient, convInputGradient);
const filterGradient = either(wasmConvFilterGradient, convFilterGradient);

const fastConv2D = (args: KernelArgs) => fastConv('Conv2D', args);
const fastConv2DBackpropInput = (args: KernelArgs) => fastConv('Conv2DBackpropInput', args);
const fastConv2DBackpropFilter = (args: KernelArgs) => fastConv('Conv2DBackpropFilter', args);

/** Replaces the CPU backend's three convolution kernels, running them on `runtime` when given
 *  (else in JavaScript); idempotent. */
export function installFastCpuConv2D(runtime: WasmRuntime | null = null): void {
  wasm = runtime;
  replaceCpuKernel('Conv2D', fastConv2D as tf.KernelFunc);
  replaceCpuKernel('Conv2DBackpropInput', fastConv2DBackpropInput as tf.KernelFunc);
  replaceCpuKernel('Conv2DBackpropFilter', fastConv2DBackpropFilter as tf.KernelFunc);
}
