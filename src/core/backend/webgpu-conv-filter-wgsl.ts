// WGSL for the filter gradient as an implicit GEMM: each workgroup sums one chunk of m (batch ×
// output pixels) for one tileK × tileC block of dW[K = kh·kw·cin, C = cout], staging im2col(x) and
// dy rows in workgroup memory; with several chunks a second program adds the partial sums in a
// fixed order (deterministic, no atomics). Shapes are baked in as constants (tfjs keeps training
// shapes static, and constant divisors compile to multiplies). tfjs only (types).
import type { ConvFilterPlan, ConvFilterProblem } from './conv-filter-plan';
import { gemmSize } from './conv-filter-plan';
import {
  directGemmSource,
  directUsesVec4,
  storeAccumulators,
  storeFunction,
} from './webgpu-conv-filter-direct-wgsl';
import type { ProgramUniform, WebGpuProgram } from './webgpu-program';

/** What the code depends on beyond the uniforms: the tiles, the variant and which channel
 *  counts are multiples of 4. Convolutions that agree on these share one compiled shader. */
const key = (p: ConvFilterProblem, plan: ConvFilterPlan) =>
  [
    plan.tileK,
    plan.tileC,
    plan.stepM,
    plan.staged ? 'staged' : 'direct',
    p.inChannels % 4 === 0 ? 'cin4' : 'cin1',
    p.outChannels % 4 === 0 ? 'cout4' : 'cout1',
  ].join('_');

/** The problem's sizes, named DW_* in the code and read from the uniforms (bindSizes). */
const SIZES = ['M', 'K', 'C', 'H', 'W', 'CIN', 'OH', 'OW', 'KW', 'SH', 'SW', 'PT', 'PL', 'CHUNK'];

function sizeValues(p: ConvFilterProblem, plan: ConvFilterPlan): Record<string, number> {
  const { k, c, m } = gemmSize(p);
  return {
    M: m,
    K: k,
    C: c,
    H: p.inHeight,
    W: p.inWidth,
    CIN: p.inChannels,
    OH: p.outHeight,
    OW: p.outWidth,
    KW: p.filterWidth,
    SH: p.strideHeight,
    SW: p.strideWidth,
    PT: p.padTop,
    PL: p.padLeft,
    CHUNK: plan.chunk,
  };
}

/** DW_X → uniforms.dwX. */
const bindSizes = (code: string) => code.replace(/\bDW_([A-Z]+)\b/g, 'uniforms.dw$1');

/** Constants and workgroup memory of the main program. Each thread owns a 4 × 4 block of the
 *  tile (rows 4·tk…, columns 4·tc…), so tiles are staged as vec4s: one vec4 read each of A and
 *  B feeds 16 multiply-adds. */
function constants(plan: ConvFilterPlan): string {
  const threadsK = plan.tileK / 4;
  const threadsC = plan.tileC / 4;
  return `
  const TILE_K = ${plan.tileK}; const TILE_C = ${plan.tileC}; const STEP_M = ${plan.stepM};
  const THREADS_K = ${threadsK}; const THREADS_C = ${threadsC};
  const THREADS = ${threadsK * threadsC};
  var<workgroup> tileA : array<vec4<f32>, ${(plan.stepM * plan.tileK) / 4}>; // [STEP_M][TILE_K/4]
  var<workgroup> tileB : array<vec4<f32>, ${(plan.stepM * plan.tileC) / 4}>; // [STEP_M][TILE_C/4]
  `;
}

/** x's offset for im2col(x)[m, k] (m → b, oy, ox; k → kh, kw, ci), or −1 in the padding. */
const im2colSnippet = `
  fn im2colIndex(m : i32, k : i32) -> i32 {
    let b = m / (DW_OH * DW_OW);
    let pixel = m - b * (DW_OH * DW_OW);
    let oy = pixel / DW_OW;
    let ox = pixel - oy * DW_OW;
    let kh = k / (DW_KW * DW_CIN);
    let rest = k - kh * (DW_KW * DW_CIN);
    let kw = rest / DW_CIN;
    let ci = rest - kw * DW_CIN;
    let iy = oy * DW_SH - DW_PT + kh;
    let ix = ox * DW_SW - DW_PL + kw;
    if (iy < 0 || iy >= DW_H || ix < 0 || ix >= DW_W) {
      return -1;
    }
    return ((b * DW_H + iy) * DW_W + ix) * DW_CIN + ci;
  }
  fn im2colAt(m : i32, k : i32) -> f32 {
    if (k >= DW_K) {
      return 0.0;
    }
    let index = im2colIndex(m, k);
    if (index < 0) {
      return 0.0;
    }
    return x[index];
  }
  fn dyAt(m : i32, c : i32) -> f32 {
    if (c >= DW_C) {
      return 0.0;
    }
    return dy[m * DW_C + c];
  }
`;

/** Four consecutive k of one m: with cin a multiple of 4 they share kh, kw and the padding test,
 *  so one index serves all four. */
function loadA(cinByFour: boolean): string {
  if (cinByFour)
    return `
    let index = im2colIndex(m, k);
    if (k < DW_K && index >= 0) {
      v = vec4<f32>(x[index], x[index + 1], x[index + 2], x[index + 3]);
    }`;
  return `
    v = vec4<f32>(im2colAt(m, k), im2colAt(m, k + 1), im2colAt(m, k + 2), im2colAt(m, k + 3));`;
}

function loadB(coutByFour: boolean): string {
  if (coutByFour)
    return `
    if (c < DW_C) {
      let index = m * DW_C + c;
      v = vec4<f32>(dy[index], dy[index + 1], dy[index + 2], dy[index + 3]);
    }`;
  return `
    v = vec4<f32>(dyAt(m, c), dyAt(m, c + 1), dyAt(m, c + 2), dyAt(m, c + 3));`;
}

/** Fills tileA and tileB for m in [m0, m0 + STEP_M): zeros past mEnd, K or C. The slot loops
 *  are unrolled (STEP_M is a multiple of both thread counts). */
function stageSnippet(p: ConvFilterProblem, plan: ConvFilterPlan): string {
  const threads = (plan.tileK / 4) * (plan.tileC / 4);
  const slotsA = (plan.stepM * plan.tileK) / 4 / threads;
  const slotsB = (plan.stepM * plan.tileC) / 4 / threads;
  const slot = (j: number, width: string, load: string, tile: string) => `
  {
    let i = tid + ${j * threads};
    let m = m0 + i / (${width} / 4);
    let q = (i % (${width} / 4)) * 4;
    var v = vec4<f32>(0.0);
    if (m < mEnd) {
      ${load}
    }
    ${tile}[i] = v;
  }`;
  const partsA = Array.from({ length: slotsA }, (_, j) =>
    slot(j, 'TILE_K', `let k = k0 + q;${loadA(p.inChannels % 4 === 0)}`, 'tileA'),
  );
  const partsB = Array.from({ length: slotsB }, (_, j) =>
    slot(j, 'TILE_C', `let c = c0 + q;${loadB(p.outChannels % 4 === 0)}`, 'tileB'),
  );
  return `
  fn stage(m0 : i32, mEnd : i32, k0 : i32, c0 : i32, tid : i32) {${partsA.join('')}${partsB.join('')}
  }
`;
}

/** Accumulates the thread's 4 × 4 block over its chunk, then writes it (to dW, or to its
 *  split's slice of the partial sums). */
const mainSnippet = `
  fn main() {
    _ = uniforms.NAN; // tfjs binds its uniform buffer to every program: keep it in the layout
    let tid = i32(localIndex);
    let tc = tid % THREADS_C;
    let tk = tid / THREADS_C;
    let c0 = i32(workgroupId.x) * TILE_C;
    let k0 = i32(workgroupId.y) * TILE_K;
    let split = i32(workgroupId.z);
    let mBegin = split * DW_CHUNK;
    let mEnd = min(mBegin + DW_CHUNK, DW_M);
    var acc0 = vec4<f32>(0.0);
    var acc1 = vec4<f32>(0.0);
    var acc2 = vec4<f32>(0.0);
    var acc3 = vec4<f32>(0.0);
    // A trip count from the uniforms keeps the barriers in uniform control flow (the last
    // chunk, if shorter, stages zeros past mEnd).
    for (var step = 0; step < DW_CHUNK / STEP_M; step = step + 1) {
      stage(mBegin + step * STEP_M, mEnd, k0, c0, tid);
      workgroupBarrier();
      for (var mm = 0; mm < STEP_M; mm = mm + 1) {
        let a = tileA[mm * THREADS_K + tk];
        let b = tileB[mm * THREADS_C + tc];
        acc0 = acc0 + a.x * b;
        acc1 = acc1 + a.y * b;
        acc2 = acc2 + a.z * b;
        acc3 = acc3 + a.w * b;
      }
      workgroupBarrier();
    }
    let base = split * (DW_K * DW_C);
    let k = k0 + tk * 4;
    let c = c0 + tc * 4;
${storeAccumulators}
  }
${storeFunction}
`;

/** dW (one chunk) or the partial sums [splits, K, C] (several), and its uniforms. Inputs: x
 *  [N,H,W,cin], dy [N,OH,OW,cout]. */
export function convFilterGemmProgram(
  p: ConvFilterProblem,
  plan: ConvFilterPlan,
  filterShape: number[],
): { program: WebGpuProgram; uniforms: ProgramUniform } {
  const { k, c } = gemmSize(p);
  const vec4Inputs = !plan.staged && directUsesVec4(p);
  const sizes = sizeValues(p, plan);
  const program: WebGpuProgram = {
    variableNames: ['x', 'dy'],
    ...(vec4Inputs ? { variableComponents: [4, 4] } : {}),
    outputShape: plan.splits > 1 ? [plan.splits, k, c] : filterShape,
    shaderKey: `chromaxrConvFilterGemm_${key(p, plan)}`,
    dispatchLayout: { x: [0], y: [1], z: [2] },
    dispatch: [Math.ceil(c / plan.tileC), Math.ceil(k / plan.tileK), plan.splits],
    workgroupSize: [(plan.tileK / 4) * (plan.tileC / 4), 1, 1],
    uniforms: SIZES.map((name) => `dw${name} : i32,`).join(' '),
    getUserCode: () =>
      bindSizes(
        plan.staged
          ? constants(plan) + im2colSnippet + stageSnippet(p, plan) + mainSnippet
          : directGemmSource(p, plan),
      ),
  };
  const uniforms = SIZES.map((name) => ({ type: 'int32' as const, data: [sizes[name] ?? 0] }));
  return { program, uniforms };
}

/** dW[i] = Σ_s partial[s, i], s in order; uniform: the number of splits. */
export function convFilterReduceProgram(
  splits: number,
  filterShape: number[],
): { program: WebGpuProgram; uniforms: ProgramUniform } {
  const size = filterShape.reduce((a, b) => a * b, 1);
  const program: WebGpuProgram = {
    variableNames: ['partial'],
    outputShape: filterShape,
    shaderKey: 'chromaxrConvFilterReduce',
    dispatchLayout: { x: [0, 1, 2, 3] },
    dispatch: [Math.ceil(size / 64), 1, 1],
    workgroupSize: [64, 1, 1],
    size: true,
    uniforms: 'splits : i32,',
    getUserCode: () => `
  fn main(index : i32) {
    if (index < uniforms.size) {
      var sum = 0.0;
      for (var s = 0; s < uniforms.splits; s = s + 1) {
        sum = sum + partial[s * uniforms.size + index];
      }
      setOutputAtIndex(index, sum);
    }
  }
`,
  };
  return { program, uniforms: [{ type: 'int32', data: [splits] }] };
}
