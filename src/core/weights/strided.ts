// Strided views to C-order arrays (torch tensors may be transposed, sliced or expanded views of a
// shared storage). Pure TS on typed arrays: runs before any tfjs tensor exists.
import type { HostValues } from './dtypes';

function isContiguous(shape: readonly number[], stride: readonly number[]): boolean {
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d] ?? 0;
    if (size !== 1 && stride[d] !== expected) return false; // size-1 dims may have any stride
    expected *= size;
  }
  return true;
}

/**
 * The elements of the view (offset, shape, stride) of `source`, in C order. A contiguous view is
 * a subarray (shares memory with `source`); any other is copied. Bounds are the caller's check.
 */
export function gatherStrided(
  source: HostValues,
  offset: number,
  shape: readonly number[],
  stride: readonly number[],
): HostValues {
  const numel = shape.reduce((n, size) => n * size, 1);
  if (isContiguous(shape, stride)) return source.subarray(offset, offset + numel);
  // Copy raw 32-bit patterns, not numbers: NaN payloads stay bit-exact.
  const bits =
    source instanceof Float32Array
      ? new Int32Array(source.buffer, source.byteOffset, source.length)
      : source;
  const out = new Int32Array(numel);
  const index = shape.map(() => 0);
  let from = offset;
  for (let i = 0; i < numel; i++) {
    out[i] = bits[from] ?? 0;
    // Odometer step over the C-order index, keeping `from` = offset + Σ index·stride.
    for (let d = shape.length - 1; d >= 0; d--) {
      const step = stride[d] ?? 0;
      index[d] = (index[d] ?? 0) + 1;
      from += step;
      if ((index[d] ?? 0) < (shape[d] ?? 0)) break;
      from -= step * (shape[d] ?? 0);
      index[d] = 0;
    }
  }
  return source instanceof Float32Array ? new Float32Array(out.buffer) : out;
}
