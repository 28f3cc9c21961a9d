// The CPU backend's GEMM-shaped work in float32 WebAssembly SIMD: a 4×8 register tile, the packing
// and im2col/col2im around it, and the tasks the convolution kernels split into. AssemblyScript,
// compiled by scripts/build-wasm.ts (see its header for why this toolchain). No allocation and no
// runtime: the TypeScript side (src/core/backend/wasm-runtime.ts) lays out every buffer in the
// imported memory and describes each job as i32 words; this file only reads and writes them.
// Sizes are in elements unless a name ends in "Bytes"; pointers are byte addresses.

/** Rows and columns of the register tile: 8 accumulators of 4 lanes, 2 B loads, 1 A broadcast. */
const MR: i32 = 4;
const NR: i32 = 8;
/** Depth block: a B panel slice of KC×NR floats (12 KB) stays in L1 while the tile rows pass. */
const KC: i32 = 384;
/** Bytes reserved at the start of each worker's scratch for an edge tile [MR, NR]. */
const TILE_BYTES: usize = 128;

// Job kinds (word 0 of a job); the TypeScript side mirrors these numbers.
const PACK_B: i32 = 1;
const GEMM: i32 = 2;
const CONV_FORWARD: i32 = 3;
const CONV_INPUT_GRAD: i32 = 4;
const FILTER_GRAD_PACK: i32 = 5;

// Convolution geometry words (NHWC, dilation 1).
const BATCH = 0;
const IN_H = 1;
const IN_W = 2;
const CIN = 3;
const OUT_H = 4;
const OUT_W = 5;
const COUT = 6;
const KH = 7;
const KW = 8;
const STRIDE_H = 9;
const STRIDE_W = 10;
const PAD_TOP = 11;
const PAD_LEFT = 12;

function word(base: usize, index: i32): i32 {
  return load<i32>(base + ((<usize>index) << 2));
}

function ptr(base: usize, index: i32): usize {
  return <usize>load<u32>(base + ((<usize>index) << 2));
}

function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/**
 * C[4, 8] (+)= A[4, k] · P[k, 8]: rows of A start at a0..a3 (contiguous along k), P is a packed
 * panel (8 floats per k), C rows are ldcBytes apart. The hot loop of every kernel here.
 */
function tile(
  a0: usize,
  a1: usize,
  a2: usize,
  a3: usize,
  panel: usize,
  k: i32,
  c: usize,
  ldcBytes: usize,
  accumulate: bool,
): void {
  let c00 = f32x4.splat(0),
    c01 = f32x4.splat(0),
    c10 = f32x4.splat(0),
    c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0),
    c21 = f32x4.splat(0),
    c30 = f32x4.splat(0),
    c31 = f32x4.splat(0);
  const end = (<usize>k) << 2;
  let p = panel;
  for (let o: usize = 0; o < end; o += 4) {
    const b0 = v128.load(p);
    const b1 = v128.load(p, 16);
    let x = v128.load32_splat(a0 + o);
    c00 = madd(x, b0, c00);
    c01 = madd(x, b1, c01);
    x = v128.load32_splat(a1 + o);
    c10 = madd(x, b0, c10);
    c11 = madd(x, b1, c11);
    x = v128.load32_splat(a2 + o);
    c20 = madd(x, b0, c20);
    c21 = madd(x, b1, c21);
    x = v128.load32_splat(a3 + o);
    c30 = madd(x, b0, c30);
    c31 = madd(x, b1, c31);
    p += 32;
  }
  storeTile(c, ldcBytes, accumulate, c00, c01, c10, c11, c20, c21, c30, c31);
}

/** Writes (or adds) a tile's accumulators, row i from c + i·ldcBytes. */
function storeTile(
  c: usize,
  ldcBytes: usize,
  accumulate: bool,
  c00: v128,
  c01: v128,
  c10: v128,
  c11: v128,
  c20: v128,
  c21: v128,
  c30: v128,
  c31: v128,
): void {
  storeRow(c, accumulate, c00, c01);
  storeRow(c + ldcBytes, accumulate, c10, c11);
  storeRow(c + 2 * ldcBytes, accumulate, c20, c21);
  storeRow(c + 3 * ldcBytes, accumulate, c30, c31);
}

function storeRow(at: usize, accumulate: bool, left: v128, right: v128): void {
  if (accumulate) {
    v128.store(at, f32x4.add(left, v128.load(at)));
    v128.store(at, f32x4.add(right, v128.load(at, 16)), 16);
  } else {
    v128.store(at, left);
    v128.store(at, right, 16);
  }
}

/**
 * The same tile with A stored transposed: A[i, kk] at a + kk·ldaBytes + 4i, so the four rows' values
 * at one depth are one vector (the filter gradient's patch matrix, read as colᵀ in place).
 */
function tileT(
  a: usize,
  ldaBytes: usize,
  panel: usize,
  k: i32,
  c: usize,
  ldcBytes: usize,
  accumulate: bool,
): void {
  let c00 = f32x4.splat(0),
    c01 = f32x4.splat(0),
    c10 = f32x4.splat(0),
    c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0),
    c21 = f32x4.splat(0),
    c30 = f32x4.splat(0),
    c31 = f32x4.splat(0);
  let p = panel;
  let q = a;
  for (let kk = 0; kk < k; kk++) {
    const b0 = v128.load(p);
    const b1 = v128.load(p, 16);
    const v = v128.load(q);
    let x = v128.shuffle<i32>(v, v, 0, 0, 0, 0);
    c00 = madd(x, b0, c00);
    c01 = madd(x, b1, c01);
    x = v128.shuffle<i32>(v, v, 1, 1, 1, 1);
    c10 = madd(x, b0, c10);
    c11 = madd(x, b1, c11);
    x = v128.shuffle<i32>(v, v, 2, 2, 2, 2);
    c20 = madd(x, b0, c20);
    c21 = madd(x, b1, c21);
    x = v128.shuffle<i32>(v, v, 3, 3, 3, 3);
    c30 = madd(x, b0, c30);
    c31 = madd(x, b1, c31);
    p += 32;
    q += ldaBytes;
  }
  storeTile(c, ldcBytes, accumulate, c00, c01, c10, c11, c20, c21, c30, c31);
}

/** Rows per block of A: MC × KC floats (96 KB) stay in L2 while every column panel passes. */
const MC: i32 = 64;

/**
 * C[m, n] (+)= A[m, k] · B[k, n] for row tiles [g0, g1) and column panels [j0, j1): A row-major
 * with leading dimension lda (or, when aT, stored transposed: A[i, kk] at kk·lda + i), B packed by
 * packB, C row-major with leading dimension ldc. Blocked by KC along k and MC along m.
 */
export function gemm(
  a: usize,
  lda: i32,
  aT: bool,
  packed: usize,
  c: usize,
  ldc: i32,
  m: i32,
  n: i32,
  k: i32,
  g0: i32,
  g1: i32,
  j0: i32,
  j1: i32,
  accumulate: bool,
  tmp: usize,
): void {
  const ldaBytes = (<usize>lda) << 2;
  const ldcBytes = (<usize>ldc) << 2;
  const groupsPerBlock = MC / MR;
  for (let k0 = 0; k0 < k; k0 += KC) {
    const kc = min(KC, k - k0);
    const add = accumulate || k0 > 0;
    for (let gb = g0; gb < g1; gb += groupsPerBlock) {
      const gEnd = min(g1, gb + groupsPerBlock);
      for (let j = j0; j < j1; j++) {
        const panel = packed + ((<usize>j * <usize>k + <usize>k0) << 5);
        const cols = min(NR, n - j * NR);
        for (let g = gb; g < gEnd; g++) {
          const row = g * MR;
          const rows = min(MR, m - row);
          const cg = c + <usize>row * ldcBytes + ((<usize>(j * NR)) << 2);
          const full = rows === MR && cols === NR;
          const out = full ? cg : tmp;
          const ldo = full ? ldcBytes : 32;
          if (aT) {
            const ag = a + <usize>k0 * ldaBytes + ((<usize>row) << 2);
            tileT(ag, ldaBytes, panel, kc, out, ldo, full && add);
          } else {
            const ag = a + <usize>row * ldaBytes + ((<usize>k0) << 2);
            const last = ldaBytes * <usize>(rows - 1);
            const a1 = ag + min(ldaBytes, last);
            const a2 = ag + min(2 * ldaBytes, last);
            const a3 = ag + min(3 * ldaBytes, last);
            tile(ag, a1, a2, a3, panel, kc, out, ldo, full && add);
          }
          if (!full) copyEdge(tmp, cg, ldcBytes, rows, cols, add);
        }
      }
    }
  }
}

/** The valid rows × cols of an edge tile computed into `tmp` (rows 32 bytes apart), into C. */
function copyEdge(tmp: usize, c: usize, ldcBytes: usize, rows: i32, cols: i32, add: bool): void {
  for (let i = 0; i < rows; i++) {
    const dst = c + ldcBytes * <usize>i;
    const src = tmp + ((<usize>i) << 5);
    for (let j = 0; j < cols; j++) {
      const at = dst + ((<usize>j) << 2);
      const v = load<f32>(src + ((<usize>j) << 2));
      store<f32>(at, add ? load<f32>(at) + v : v);
    }
  }
}

/**
 * dst[j][kk][r] = src[kk·rs + (8j + r)·cs], zero where 8j + r ≥ n: rows [k0, k1) of panels
 * [j0, j1) of B[k, n] packed into 8-column panels of `k` rows each.
 */
export function packB(
  src: usize,
  rs: i32,
  cs: i32,
  k: i32,
  n: i32,
  dst: usize,
  j0: i32,
  j1: i32,
  k0: i32,
  k1: i32,
): void {
  for (let j = j0; j < j1; j++) {
    const cols = min(NR, n - j * NR);
    let out = dst + ((<usize>j * <usize>k + <usize>k0) << 5);
    for (let kk = k0; kk < k1; kk++) {
      const row = src + ((<usize>kk * <usize>rs + <usize>(j * NR) * <usize>cs) << 2);
      if (cols === NR && cs === 1) {
        v128.store(out, v128.load(row));
        v128.store(out, v128.load(row, 16), 16);
      } else {
        for (let r = 0; r < NR; r++) {
          const v = r < cols ? load<f32>(row + ((<usize>r * <usize>cs) << 2)) : <f32>0;
          store<f32>(out + ((<usize>r) << 2), v);
        }
      }
      out += 32;
    }
  }
}

/** dst[0..len) = src[0..len) (floats). */
function copyRun(dst: usize, src: usize, len: i32): void {
  const bytes = (<usize>len) << 2;
  let o: usize = 0;
  for (; o + 16 <= bytes; o += 16) v128.store(dst + o, v128.load(src + o));
  for (; o < bytes; o += 4) store<f32>(dst + o, load<f32>(src + o));
}

/** dst[0..len) += src[0..len) (floats). */
function addRun(dst: usize, src: usize, len: i32): void {
  const bytes = (<usize>len) << 2;
  let o: usize = 0;
  for (; o + 16 <= bytes; o += 16)
    v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
  for (; o < bytes; o += 4) store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
}

function zeroRun(dst: usize, len: i32): void {
  memory.fill(dst, 0, (<usize>len) << 2);
}

/**
 * col[p − p0, (wR·kw + wC)·cin + d] = x[b, yR·sH − top + wR, yC·sW − left + wC, d] (zero outside the
 * image) for output pixels p ∈ [p0, p1) numbered over the whole batch: rows of the patch matrix.
 */
export function im2col(info: usize, x: usize, p0: i32, p1: i32, col: usize): void {
  const inH = word(info, IN_H),
    inW = word(info, IN_W),
    cin = word(info, CIN);
  const outH = word(info, OUT_H),
    outW = word(info, OUT_W);
  const kh = word(info, KH),
    kw = word(info, KW);
  let dst = col;
  for (let p = p0; p < p1; p++) {
    const b = p / (outH * outW);
    const yR = (p / outW) % outH;
    const yC = p % outW;
    for (let wR = 0; wR < kh; wR++) {
      const xR = yR * word(info, STRIDE_H) - word(info, PAD_TOP) + wR;
      for (let wC = 0; wC < kw; wC++) {
        const xC = yC * word(info, STRIDE_W) - word(info, PAD_LEFT) + wC;
        if (xR < 0 || xR >= inH || xC < 0 || xC >= inW) zeroRun(dst, cin);
        else copyRun(dst, x + ((<usize>(((b * inH + xR) * inW + xC) * cin)) << 2), cin);
        dst += (<usize>cin) << 2;
      }
    }
  }
}

/** The adjoint of im2col: dx[b, xR, xC, d] += col[p − p0, tap·cin + d] inside the image. */
export function col2im(info: usize, col: usize, p0: i32, p1: i32, dx: usize): void {
  const inH = word(info, IN_H),
    inW = word(info, IN_W),
    cin = word(info, CIN);
  const outH = word(info, OUT_H),
    outW = word(info, OUT_W);
  const kh = word(info, KH),
    kw = word(info, KW);
  let src = col;
  for (let p = p0; p < p1; p++) {
    const b = p / (outH * outW);
    const yR = (p / outW) % outH;
    const yC = p % outW;
    for (let wR = 0; wR < kh; wR++) {
      const xR = yR * word(info, STRIDE_H) - word(info, PAD_TOP) + wR;
      for (let wC = 0; wC < kw; wC++) {
        const xC = yC * word(info, STRIDE_W) - word(info, PAD_LEFT) + wC;
        if (xR >= 0 && xR < inH && xC >= 0 && xC < inW)
          addRun(dx + ((<usize>(((b * inH + xR) * inW + xC) * cin)) << 2), src, cin);
        src += (<usize>cin) << 2;
      }
    }
  }
}

// ---- tasks: a job is split into `count` independent tasks that any worker may run.

/** Panels [t·per, …) of a PACK_B job: src, rs, cs, k, n, dst, panelsPerTask. */
function packTask(job: usize, t: i32): void {
  const k = word(job, 4);
  const n = word(job, 5);
  const per = word(job, 7);
  const j0 = t * per;
  const j1 = min((n + NR - 1) / NR, j0 + per);
  packB(ptr(job, 1), word(job, 2), word(job, 3), k, n, ptr(job, 6), j0, j1, 0, k);
}

/**
 * One tile block of a GEMM job: a, lda, aT, packed, c, ldc, m, n, k, accumulate, groupsPerTask,
 * panelsPerTask (word 12), groupBlocks (word 15; tasks are numbered group block fastest).
 */
function gemmTask(job: usize, t: i32, scratch: usize): void {
  const m = word(job, 7);
  const n = word(job, 8);
  const gPer = word(job, 11);
  const jPer = word(job, 12);
  const gBlocks = word(job, 15);
  const g0 = (t % gBlocks) * gPer;
  const j0 = (t / gBlocks) * jPer;
  const g1 = min((m + MR - 1) / MR, g0 + gPer);
  const j1 = min((n + NR - 1) / NR, j0 + jPer);
  gemm(
    ptr(job, 1),
    word(job, 2),
    word(job, 3) !== 0,
    ptr(job, 4),
    ptr(job, 5),
    word(job, 6),
    m,
    n,
    word(job, 9),
    g0,
    g1,
    j0,
    j1,
    word(job, 10) !== 0,
    scratch,
  );
}

/**
 * Output pixels [t·band, …) of a CONV_FORWARD job: info, x, packed W, y, bandPixels, totalPixels,
 * direct (1 when the input is its own patch matrix: 1×1, stride 1, no padding).
 */
function convForwardTask(job: usize, t: i32, scratch: usize): void {
  const info = ptr(job, 1);
  const band = word(job, 5);
  const p0 = t * band;
  const p1 = min(word(job, 6), p0 + band);
  const patch = word(info, KH) * word(info, KW) * word(info, CIN);
  const cout = word(info, COUT);
  let a = ptr(job, 2) + ((<usize>(p0 * patch)) << 2);
  if (word(job, 7) === 0) {
    a = scratch + TILE_BYTES;
    im2col(info, ptr(job, 2), p0, p1, a);
  }
  const m = p1 - p0;
  const y = ptr(job, 4) + ((<usize>(p0 * cout)) << 2);
  const groups = (m + MR - 1) / MR;
  const panels = (cout + NR - 1) / NR;
  gemm(a, patch, false, ptr(job, 3), y, cout, m, cout, patch, 0, groups, 0, panels, false, scratch);
}

/**
 * Images [t·per, …) of a CONV_INPUT_GRAD job, whole images so that no other task adds to them:
 * info, dy, packed Wᵀ, dx, imagesPerTask, bandPixels, direct (1: dx is the product itself).
 */
function convInputGradTask(job: usize, t: i32, scratch: usize): void {
  const info = ptr(job, 1);
  const per = word(job, 5);
  const band = word(job, 6);
  const direct = word(job, 7) !== 0;
  const pixels = word(info, OUT_H) * word(info, OUT_W);
  const patch = word(info, KH) * word(info, KW) * word(info, CIN);
  const cout = word(info, COUT);
  const image = word(info, IN_H) * word(info, IN_W) * word(info, CIN);
  const b0 = t * per;
  const b1 = min(word(info, BATCH), b0 + per);
  const dx = ptr(job, 4);
  if (!direct) zeroRun(dx + ((<usize>(b0 * image)) << 2), (b1 - b0) * image);
  const col = scratch + TILE_BYTES;
  const panels = (patch + NR - 1) / NR;
  for (let p0 = b0 * pixels; p0 < b1 * pixels; p0 += band) {
    const p1 = min(b1 * pixels, p0 + band);
    const m = p1 - p0;
    const c = direct ? dx + ((<usize>(p0 * patch)) << 2) : col;
    const a = ptr(job, 2) + ((<usize>(p0 * cout)) << 2);
    const groups = (m + MR - 1) / MR;
    gemm(
      a,
      cout,
      false,
      ptr(job, 3),
      c,
      patch,
      m,
      patch,
      cout,
      0,
      groups,
      0,
      panels,
      false,
      scratch,
    );
    if (!direct) col2im(info, col, p0, p1, dx);
  }
}

/**
 * Pixels [first + t·per, …) of a FILTER_GRAD_PACK job (info, x, dy, first, depth, col, packed dy,
 * pixelsPerTask, direct): the patch rows of the chunk's pixels into col (unless direct: x is its
 * own patch matrix) and their dy rows into 8-column panels.
 */
function filterGradPackTask(job: usize, t: i32): void {
  const info = ptr(job, 1);
  const first = word(job, 4);
  const depth = word(job, 5);
  const per = word(job, 8);
  const p0 = first + t * per;
  const p1 = min(first + depth, p0 + per);
  const patch = word(info, KH) * word(info, KW) * word(info, CIN);
  const cout = word(info, COUT);
  if (word(job, 9) === 0) {
    im2col(info, ptr(job, 2), p0, p1, ptr(job, 6) + ((<usize>((p0 - first) * patch)) << 2));
  }
  const dy = ptr(job, 3) + ((<usize>(first * cout)) << 2);
  packB(dy, cout, 1, depth, cout, ptr(job, 7), 0, (cout + NR - 1) / NR, p0 - first, p1 - first);
}

/** Runs task `t` of the job at `job` in the scratch area of `worker` (base + worker·stride, words
 *  13 and 14 of every job). */
export function runTask(job: usize, t: i32, worker: i32): void {
  const scratch = ptr(job, 13) + <usize>worker * ptr(job, 14);
  const kind = word(job, 0);
  if (kind === PACK_B) packTask(job, t);
  else if (kind === GEMM) gemmTask(job, t, scratch);
  else if (kind === CONV_FORWARD) convForwardTask(job, t, scratch);
  else if (kind === CONV_INPUT_GRAD) convInputGradTask(job, t, scratch);
  else if (kind === FILTER_GRAD_PACK) filterGradPackTask(job, t);
  else unreachable();
}

/** Every task of a job on the calling thread, in order. */
export function runAll(job: usize, count: i32): void {
  for (let t = 0; t < count; t++) runTask(job, t, 0);
}
