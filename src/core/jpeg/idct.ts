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

const rows = new Float64Array(64);

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
    if (rowIsZero(coefficients, v)) {
      rows.fill(0, v * 8, v * 8 + 8); // most high-frequency rows are: skip their 64 products
      continue;
    }
    for (let x = 0; x < 8; x++) {
      let sum = 0;
      for (let u = 0; u < 8; u++)
        sum += (COS[x * 8 + u] as number) * (coefficients[v * 8 + u] as number);
      rows[v * 8 + x] = sum;
    }
  }
  for (let x = 0; x < 8; x++) {
    for (let y = 0; y < 8; y++) {
      let sum = 0;
      for (let v = 0; v < 8; v++) sum += (COS[y * 8 + v] as number) * (rows[v * 8 + x] as number);
      samples[offset + y * stride + x] = clamp(Math.round(sum) + levelShift, maxSample);
    }
  }
}

function rowIsZero(coefficients: Int32Array, v: number): boolean {
  for (let u = 0; u < 8; u++) if (coefficients[v * 8 + u] !== 0) return false;
  return true;
}

function clamp(value: number, max: number): number {
  return value < 0 ? 0 : value > max ? max : value;
}
