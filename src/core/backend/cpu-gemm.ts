// A register-blocked matrix product for the CPU convolution kernels. JavaScript has no SIMD, so
// speed comes from reuse: a 4×4 block of C keeps 16 accumulators in locals and each step over k
// loads 8 values for 16 multiply-adds, against 2 loads and a store per multiply-add in a plain
// loop (≈3–4 vs ≈1 GFLOP/s in V8 on the convolution shapes). Plain TypeScript, no imports.

/** Row-major operands of C[M,N] = A[M,K] · B[K,N]. */
export interface GemmOperands {
  a: Float64Array;
  b: Float64Array;
  c: Float64Array;
  m: number;
  k: number;
  n: number;
}

/** C = A·B with float64 accumulators, each element summed over k in order. */
export function gemm(ops: GemmOperands): void {
  const mBlocked = ops.m - (ops.m % 4);
  const nBlocked = ops.n - (ops.n % 4);
  for (let row = 0; row < mBlocked; row += 4)
    for (let col = 0; col < nBlocked; col += 4) block4x4(ops, row, col);
  edge(ops, 0, mBlocked, nBlocked, ops.n); // right columns of the blocked rows
  edge(ops, mBlocked, ops.m, 0, ops.n); // bottom rows
}

/** C[row..row+4, col..col+4]: the hot loop. Long, but splitting it would spill the accumulators. */
// biome-ignore format: the 4×4 tile is laid out as a grid, one line per tile row
function block4x4(ops: GemmOperands, row: number, col: number) {
  const { a, b, c, k: depth, n: width } = ops;
  const a0 = row * depth;
  const a1 = a0 + depth;
  const a2 = a1 + depth;
  const a3 = a2 + depth;
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let kk = 0, bi = col; kk < depth; kk++, bi += width) {
    const b0 = b[bi] as number;
    const b1 = b[bi + 1] as number;
    const b2 = b[bi + 2] as number;
    const b3 = b[bi + 3] as number;
    let x = a[a0 + kk] as number;
    c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
    x = a[a1 + kk] as number;
    c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
    x = a[a2 + kk] as number;
    c20 += x * b0; c21 += x * b1; c22 += x * b2; c23 += x * b3;
    x = a[a3 + kk] as number;
    c30 += x * b0; c31 += x * b1; c32 += x * b2; c33 += x * b3;
  }
  let o = row * width + col;
  c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03; o += width;
  c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13; o += width;
  c[o] = c20; c[o + 1] = c21; c[o + 2] = c22; c[o + 3] = c23; o += width;
  c[o] = c30; c[o + 1] = c31; c[o + 2] = c32; c[o + 3] = c33;
}

/** C[rows, cols] element by element, for the rows and columns the 4×4 tiles leave over. */
function edge(ops: GemmOperands, rowFrom: number, rowTo: number, colFrom: number, colTo: number) {
  const { a, b, c, k: depth, n: width } = ops;
  for (let row = rowFrom; row < rowTo; row++) {
    for (let col = colFrom; col < colTo; col++) {
      let sum = 0;
      for (let kk = 0; kk < depth; kk++)
        sum += (a[row * depth + kk] as number) * (b[kk * width + col] as number);
      c[row * width + col] = sum;
    }
  }
}

/**
 * C += Aᵀ·B where A is stored [K, M] (e.g. a patch matrix [pixels, taps] whose pixels are the
 * depth): both operands are then read along contiguous rows, so long depths stream well.
 */
export function gemmTransposedA(ops: GemmOperands): void {
  const mBlocked = ops.m - (ops.m % 4);
  const nBlocked = ops.n - (ops.n % 4);
  for (let row = 0; row < mBlocked; row += 4)
    for (let col = 0; col < nBlocked; col += 4) blockTransposed4x4(ops, row, col);
  edgeTransposed(ops, 0, mBlocked, nBlocked, ops.n);
  edgeTransposed(ops, mBlocked, ops.m, 0, ops.n);
}

// biome-ignore format: the 4×4 tile is laid out as a grid, one line per tile row
function blockTransposed4x4(ops: GemmOperands, row: number, col: number) {
  const { a, b, c, k: depth, m: height, n: width } = ops;
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let kk = 0, ai = row, bi = col; kk < depth; kk++, ai += height, bi += width) {
    const b0 = b[bi] as number;
    const b1 = b[bi + 1] as number;
    const b2 = b[bi + 2] as number;
    const b3 = b[bi + 3] as number;
    let x = a[ai] as number;
    c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
    x = a[ai + 1] as number;
    c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
    x = a[ai + 2] as number;
    c20 += x * b0; c21 += x * b1; c22 += x * b2; c23 += x * b3;
    x = a[ai + 3] as number;
    c30 += x * b0; c31 += x * b1; c32 += x * b2; c33 += x * b3;
  }
  const o = row * width + col;
  addRow(c, o, c00, c01, c02, c03);
  addRow(c, o + width, c10, c11, c12, c13);
  addRow(c, o + 2 * width, c20, c21, c22, c23);
  addRow(c, o + 3 * width, c30, c31, c32, c33);
}

/** c[o..o+4] += v0..v3 (inlined by the JIT). */
function addRow(c: Float64Array, o: number, v0: number, v1: number, v2: number, v3: number) {
  c[o] = (c[o] as number) + v0;
  c[o + 1] = (c[o + 1] as number) + v1;
  c[o + 2] = (c[o + 2] as number) + v2;
  c[o + 3] = (c[o + 3] as number) + v3;
}

function edgeTransposed(
  ops: GemmOperands,
  rowFrom: number,
  rowTo: number,
  colFrom: number,
  colTo: number,
) {
  const { a, b, c, k: depth, m: height, n: width } = ops;
  for (let row = rowFrom; row < rowTo; row++) {
    for (let col = colFrom; col < colTo; col++) {
      let sum = 0;
      for (let kk = 0; kk < depth; kk++)
        sum += (a[kk * height + row] as number) * (b[kk * width + col] as number);
      c[row * width + col] = (c[row * width + col] as number) + sum;
    }
  }
}
