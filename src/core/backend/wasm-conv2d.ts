// Conv2D and its two gradients on the WebAssembly kernels (wasm/kernels.ts): each copies its
// operands into the kernels' memory, packs the filter once, splits the output into tasks for the
// runtime's threads and copies the result out. Float32 throughout (the JavaScript kernels of
// cpu-conv2d.ts accumulate in float64). NHWC, dilation 1, float32 only: cpu-conv2d.ts decides
// what reaches here. tfjs types only.
import type * as tf from '@tensorflow/tfjs';
import { INFO, type WasmRuntime } from './wasm-runtime';

// Job kinds of wasm/kernels.ts.
const PACK_B = 1;
const GEMM = 2;
const CONV_FORWARD = 3;
const CONV_INPUT_GRAD = 4;
const FILTER_GRAD_PACK = 5;

const MR = 4;
const NR = 8;
/** Bytes of a band's patch rows: small enough to stay in L2 while the filter panels pass. */
const BAND_BYTES = 192 * 1024;
/** Bytes of the filter gradient's packed operands per chunk of pixels. */
const CHUNK_BYTES = 16 * 1024 * 1024;

type Info = tf.backend_util.Conv2DInfo;

const patchOf = (info: Info) => info.filterHeight * info.filterWidth * info.inChannels;
const roundUp = (value: number, step: number) => Math.ceil(value / step) * step;

/** True when the input is its own patch matrix (1×1, stride 1, no padding). */
const isPointwise = (info: Info) =>
  info.filterHeight === 1 &&
  info.filterWidth === 1 &&
  info.strideHeight === 1 &&
  info.strideWidth === 1 &&
  info.padInfo.top === 0 &&
  info.padInfo.left === 0;

/** The geometry words of wasm/kernels.ts, written at INFO. */
function writeInfo(rt: WasmRuntime, info: Info): void {
  rt.words(INFO, [
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.outChannels,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.padInfo.top,
    info.padInfo.left,
  ]);
}

/** Pixels per band: about BAND_BYTES of patch rows, a multiple of the tile height, and small
 *  enough to give every thread several tasks. */
function bandPixels(rt: WasmRuntime, rowFloats: number, pixels: number): number {
  const fit = Math.max(MR, Math.floor(BAND_BYTES / (4 * rowFloats) / MR) * MR);
  const balanced = roundUp(Math.ceil(pixels / (4 * rt.threads)), MR);
  return Math.max(MR, Math.min(fit, balanced, roundUp(pixels, MR)));
}

/** Packs B[k, n] = src[kk·rs + j·cs] into 8-column panels; returns the panels' address. */
function packPanels(rt: WasmRuntime, src: number, rs: number, cs: number, k: number, n: number) {
  const panels = Math.ceil(n / NR);
  const packed = rt.alloc(panels * NR * k);
  const per = Math.max(1, Math.ceil(panels / (4 * rt.threads)));
  rt.run(
    [PACK_B, src, rs, cs, k, n, packed, per, 0, 0, 0, 0, 0, 0, 0],
    Math.ceil(panels / per),
    k * n,
  );
  return packed;
}

/** y = conv(x, W): tasks are bands of output pixels over the whole batch. */
export function wasmConvForward(
  rt: WasmRuntime,
  x: Float32Array,
  filter: Float32Array,
  info: Info,
) {
  rt.reset();
  writeInfo(rt, info);
  const patch = patchOf(info);
  const cout = info.outChannels;
  const pixels = info.batchSize * info.outHeight * info.outWidth;
  const xAt = rt.copyIn(x);
  const wAt = rt.copyIn(filter); // [patch, cout]
  const packed = packPanels(rt, wAt, cout, 1, patch, cout);
  const yAt = rt.alloc(pixels * cout);
  const direct = isPointwise(info);
  const band = bandPixels(rt, patch, pixels);
  const [base, stride] = rt.scratch(direct ? 0 : band * patch);
  const job = [CONV_FORWARD, INFO, xAt, packed, yAt, band, pixels, direct ? 1 : 0];
  rt.run([...job, 0, 0, 0, 0, 0, base, stride], Math.ceil(pixels / band), pixels * patch * cout);
  return rt.copyOut(yAt, pixels * cout);
}

/** dx = col2im(dy · Wᵀ): tasks are whole images, so no two add into the same pixels. */
export function wasmConvInputGradient(
  rt: WasmRuntime,
  dy: Float32Array,
  filter: Float32Array,
  info: Info,
) {
  rt.reset();
  writeInfo(rt, info);
  const patch = patchOf(info);
  const cout = info.outChannels;
  const perImage = info.outHeight * info.outWidth;
  const dyAt = rt.copyIn(dy);
  const wAt = rt.copyIn(filter);
  const packed = packPanels(rt, wAt, 1, cout, cout, patch); // Wᵀ [cout, patch]
  const imageFloats = info.inHeight * info.inWidth * info.inChannels;
  const dxAt = rt.alloc(info.batchSize * imageFloats);
  const direct = isPointwise(info);
  const band = bandPixels(rt, patch, info.batchSize * perImage);
  const images = Math.max(
    1,
    Math.min(Math.floor(band / perImage), Math.ceil(info.batchSize / (2 * rt.threads))),
  );
  const [base, stride] = rt.scratch(direct ? 0 : band * patch);
  const job = [CONV_INPUT_GRAD, INFO, dyAt, packed, dxAt, images, band, direct ? 1 : 0];
  const macs = info.batchSize * perImage * patch * cout;
  rt.run([...job, 0, 0, 0, 0, 0, base, stride], Math.ceil(info.batchSize / images), macs);
  return rt.copyOut(dxAt, info.batchSize * imageFloats);
}

/** Tasks for C[m, n]: blocks of tile rows × column panels, about four per thread. */
function tileTasks(rt: WasmRuntime, m: number, n: number) {
  const groups = Math.ceil(m / MR);
  const panels = Math.ceil(n / NR);
  const target = 4 * rt.threads;
  const panelBlocks = Math.min(panels, target);
  const groupBlocks = Math.min(groups, Math.ceil(target / panelBlocks));
  const gPer = Math.ceil(groups / groupBlocks);
  const jPer = Math.ceil(panels / panelBlocks);
  const gBlocks = Math.ceil(groups / gPer);
  return { gPer, jPer, gBlocks, count: gBlocks * Math.ceil(panels / jPer) };
}

/**
 * dW[patch, cout] = Σ im2col(x)ᵀ · dy over chunks of pixels: each chunk lays out its patch rows
 * (read by the GEMM as colᵀ in place) and packs its dy rows in parallel, then one GEMM adds the
 * chunk's product into dW.
 */
export function wasmConvFilterGradient(
  rt: WasmRuntime,
  x: Float32Array,
  dy: Float32Array,
  info: Info,
) {
  rt.reset();
  writeInfo(rt, info);
  const patch = patchOf(info);
  const cout = info.outChannels;
  const pixels = info.batchSize * info.outHeight * info.outWidth;
  const direct = isPointwise(info);
  const xAt = rt.copyIn(x);
  const dyAt = rt.copyIn(dy);
  const dwAt = rt.alloc(patch * cout);
  const rowFloats = (direct ? 0 : patch) + roundUp(cout, NR);
  const depth = Math.min(pixels, Math.max(MR, Math.floor(CHUNK_BYTES / (4 * rowFloats))));
  const colAt = direct ? xAt : rt.alloc(patch * depth);
  const packedDy = rt.alloc(roundUp(cout, NR) * depth);
  const [base, stride] = rt.scratch(0);
  const tiles = tileTasks(rt, patch, cout);
  for (let first = 0; first < pixels; first += depth) {
    const chunk = Math.min(depth, pixels - first);
    const per = Math.max(16, Math.ceil(chunk / (4 * rt.threads)));
    const pack = [FILTER_GRAD_PACK, INFO, xAt, dyAt, first, chunk, colAt, packedDy, per];
    const scratch = [base, stride];
    rt.run([...pack, direct ? 1 : 0, 0, 0, 0, ...scratch], Math.ceil(chunk / per), chunk * patch);
    const a = direct ? xAt + first * patch * 4 : colAt;
    const gemm = [GEMM, a, patch, 1, packedDy, dwAt, cout, patch, cout, chunk, first > 0 ? 1 : 0];
    const split = [tiles.gPer, tiles.jPer, ...scratch, tiles.gBlocks];
    rt.run([...gemm, ...split], tiles.count, chunk * patch * cout);
  }
  return rt.copyOut(dwAt, patch * cout);
}
