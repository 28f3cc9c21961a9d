// The filter gradient's GEMM without workgroup memory: each thread reads its four im2col rows and
// four dy columns straight from the buffers. For CPU implementations of WebGPU (SwiftShader): there
// workgroup memory is ordinary memory, and a barrier turns every 4-lane group of a workgroup into
// a coroutine with its own stack, which cost more than the reads the staging saves. tfjs only
// (types).
import type { ConvFilterPlan, ConvFilterProblem } from './conv-filter-plan';

/** Constants (the DW_* sizes are read from the uniforms, see bindSizes); the thread's 4 rows
 *  k = k0 + 4·tk + r are fixed, so their (kh, kw, ci) and validity are worked out once, before
 *  the loop over m. */
function header(plan: ConvFilterPlan): string {
  return `
  const TILE_K = ${plan.tileK}; const TILE_C = ${plan.tileC};
  const THREADS_C = ${plan.tileC / 4};

  struct Row { kh : i32, kw : i32, ci : i32, valid : bool };
  fn rowOf(k : i32) -> Row {
    let kh = k / (DW_KW * DW_CIN);
    let rest = k - kh * (DW_KW * DW_CIN);
    let kw = rest / DW_CIN;
    return Row(kh, kw, rest - kw * DW_CIN, k < DW_K);
  }
`;
}

/** Scalar reads for the generic case. */
const scalarReads = `
  /** x at row r for the output pixel (b, oy, ox), 0 in the padding and past K. */
  fn xAt(r : Row, b : i32, oy : i32, ox : i32) -> f32 {
    let iy = oy * DW_SH - DW_PT + r.kh;
    let ix = ox * DW_SW - DW_PL + r.kw;
    if (!r.valid || iy < 0 || iy >= DW_H || ix < 0 || ix >= DW_W) {
      return 0.0;
    }
    return x[((b * DW_H + iy) * DW_W + ix) * DW_CIN + r.ci];
  }
  fn dyAt(m : i32, c : i32) -> f32 {
    if (c >= DW_C) {
      return 0.0;
    }
    return dy[m * DW_C + c];
  }
`;

/** The thread's 4 × 4 block at pixel m = (b, oy, ox): generic (any cin, cout), or with cin and
 *  cout multiples of 4, where the 4 rows share kh and kw (one padding test) and x and dy are read
 *  as vec4s (the program binds them as arrays of vec4). */
function accumulate(p: ConvFilterProblem): string {
  if (p.inChannels % 4 === 0 && p.outChannels % 4 === 0)
    return `
      let g = dy[(m * DW_C + c) / 4];
      let iy = oy * DW_SH - DW_PT + r0.kh;
      let ix = ox * DW_SW - DW_PL + r0.kw;
      if (r0.valid && iy >= 0 && iy < DW_H && ix >= 0 && ix < DW_W) {
        let a = x[(((b * DW_H + iy) * DW_W + ix) * DW_CIN + r0.ci) / 4];
        acc0 = acc0 + a.x * g;
        acc1 = acc1 + a.y * g;
        acc2 = acc2 + a.z * g;
        acc3 = acc3 + a.w * g;
      }`;
  return `
      let g = vec4<f32>(dyAt(m, c), dyAt(m, c + 1), dyAt(m, c + 2), dyAt(m, c + 3));
      acc0 = acc0 + xAt(r0, b, oy, ox) * g;
      acc1 = acc1 + xAt(r1, b, oy, ox) * g;
      acc2 = acc2 + xAt(r2, b, oy, ox) * g;
      acc3 = acc3 + xAt(r3, b, oy, ox) * g;`;
}

/** Writes the thread's 4 × 4 accumulators (rows k..k+3, columns c..c+3) at split `base`,
 *  skipping what lies past K or C; shared by both filter-gradient shaders. */
export const storeAccumulators = `    store(base, k, c, acc0);
    store(base, k + 1, c, acc1);
    store(base, k + 2, c, acc2);
    store(base, k + 3, c, acc3);`;

export const storeFunction = `  fn store(base : i32, k : i32, c : i32, values : vec4<f32>) {
    if (k >= DW_K) {
      return;
    }
    for (var s = 0; s < 4; s = s + 1) {
      if (c + s < DW_C) {
        setOutputAtIndex(base + k * DW_C + c + s, values[s]);
      }
    }
  }`;

/** Whether x and dy are bound as arrays of vec4 (see accumulate). */
export const directUsesVec4 = (p: ConvFilterProblem) =>
  p.inChannels % 4 === 0 && p.outChannels % 4 === 0;

/** Walks m = (b, oy, ox) with counters instead of divisions. */
const mainSnippet = (p: ConvFilterProblem) => `
  fn main() {
    _ = uniforms.NAN; // tfjs binds its uniform buffer to every program: keep it in the layout
    let tid = i32(localIndex);
    let c = i32(workgroupId.x) * TILE_C + (tid % THREADS_C) * 4;
    let k = i32(workgroupId.y) * TILE_K + (tid / THREADS_C) * 4;
    let split = i32(workgroupId.z);
    if (k >= DW_K || c >= DW_C) {
      return; // a thread of a partial tile with nothing to compute (no barriers here)
    }
    let r0 = rowOf(k);
    let r1 = rowOf(k + 1);
    let r2 = rowOf(k + 2);
    let r3 = rowOf(k + 3);
    let mBegin = split * DW_CHUNK;
    let mEnd = min(mBegin + DW_CHUNK, DW_M);
    var b = mBegin / (DW_OH * DW_OW);
    var oy = (mBegin - b * (DW_OH * DW_OW)) / DW_OW;
    var ox = mBegin - (b * DW_OH + oy) * DW_OW;
    var acc0 = vec4<f32>(0.0);
    var acc1 = vec4<f32>(0.0);
    var acc2 = vec4<f32>(0.0);
    var acc3 = vec4<f32>(0.0);
    for (var m = mBegin; m < mEnd; m = m + 1) {${accumulate(p)}
      ox = ox + 1;
      if (ox == DW_OW) {
        ox = 0;
        oy = oy + 1;
        if (oy == DW_OH) {
          oy = 0;
          b = b + 1;
        }
      }
    }
    let base = split * (DW_K * DW_C);
${storeAccumulators}
  }
${storeFunction}
`;

export const directGemmSource = (p: ConvFilterProblem, plan: ConvFilterPlan) =>
  header(plan) + (directUsesVec4(p) ? '' : scalarReads) + mainSnippet(p);
