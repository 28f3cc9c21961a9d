// The inverse DCT of one 8×8 block (ITU T.81 A.3.3), level shift and clamp included. Floating
// point, separable (rows then columns): exact enough that 8-bit results match IJG's integer IDCT
// within one level and 12-bit ones within a few of 4095.

/** COS[x · 8 + u] = C(u)/2 · cos((2x + 1)uπ/16), C(0) = 1/√2, else 1. */
const COS = Float64Array.from({ length: 64 }, (_, i) => {
  const x = i >> 3;
  const u = i & 7;
  return (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
});

/** Where a block's samples go: row-major into `samples` at `offset`, `stride` per row. */
export interface BlockTarget {
  samples: Uint16Array;
  offset: number;
  stride: number;
}

/** Scratch for the two passes: after the rows' IDCTs, after the columns'. */
const rows = new Float64Array(64);
const columns = new Float64Array(64);

/**
 * `coefficients` are dequantized, in natural (row-major) order: [v · 8 + u]. `levelShift` is
 * 2^(P−1), `maxSample` 2^P − 1. `acZero` skips the transform for a flat block.
 */
export function inverseDct(
  coefficients: Int32Array,
  acZero: boolean,
  target: BlockTarget,
  levelShift: number,
  maxSample: number,
): void {
  const { samples, offset, stride } = target;
  if (acZero) {
    const flat = clamp(Math.round((coefficients[0] as number) / 8) + levelShift, maxSample);
    for (let y = 0; y < 8; y++) samples.fill(flat, offset + y * stride, offset + y * stride + 8);
    return;
  }
  for (let v = 0; v < 8; v++) {
    // Most high-frequency rows are all zero, and so is their IDCT.
    if (rowIsZero(coefficients, v)) rows.fill(0, v * 8, v * 8 + 8);
    else idct8(coefficients, v * 8, 1, rows, v * 8, 1);
  }
  for (let x = 0; x < 8; x++) idct8(rows, x, 8, columns, x, 8);
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      const value = Math.round(columns[y * 8 + x] as number) + levelShift;
      samples[offset + y * stride + x] = clamp(value, maxSample);
    }
  }
}

/**
 * One 8-point IDCT, input and output `step` apart. Output x and 7 − x share their products, as
 * cos((2(7 − x) + 1)uπ/16) = (−1)^u cos((2x + 1)uπ/16): the even-u sum plus or minus the odd-u sum.
 */
function idct8(
  input: ArrayLike<number>,
  from: number,
  step: number,
  output: Float64Array,
  to: number,
  outStep: number,
): void {
  for (let x = 0; x < 4; x++) {
    let even = 0;
    let odd = 0;
    for (let u = 0; u < 8; u += 2) {
      even += (COS[x * 8 + u] as number) * (input[from + u * step] as number);
      odd += (COS[x * 8 + u + 1] as number) * (input[from + (u + 1) * step] as number);
    }
    output[to + x * outStep] = even + odd;
    output[to + (7 - x) * outStep] = even - odd;
  }
}

function rowIsZero(coefficients: Int32Array, v: number): boolean {
  for (let u = 0; u < 8; u++) if (coefficients[v * 8 + u] !== 0) return false;
  return true;
}

function clamp(value: number, max: number): number {
  return value < 0 ? 0 : value > max ? max : value;
}
