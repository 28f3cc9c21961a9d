// Decoding of the file dtypes (safetensors names) into host typed arrays. Pure TS, no tfjs: the
// readers validate and decode everything before any tensor exists, so a failure leaks nothing.

/** The dtypes the readers accept. I64 is accepted only to be skipped (BatchNorm counters). */
export type FileDtype = 'F32' | 'F16' | 'BF16' | 'F64' | 'I64' | 'I32' | 'U8';

export const DTYPE_BYTES: Readonly<Record<FileDtype, number>> = {
  F32: 4,
  F16: 2,
  BF16: 2,
  F64: 8,
  I64: 8,
  I32: 4,
  U8: 1,
};

export function isFileDtype(name: string): name is FileDtype {
  return Object.hasOwn(DTYPE_BYTES, name);
}

/** Decoded values: floats widen or round to float32, integers to int32. */
export type HostValues = Float32Array | Int32Array;

type ViewCtor<T> = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T };

/**
 * A typed view of `bytes` when its offset is aligned for the element size (no copy: the result
 * shares memory with `bytes`), else a view of an aligned copy. Files are little-endian, as is
 * every platform tfjs runs on.
 */
function typedView<T>(bytes: Uint8Array, ctor: ViewCtor<T>, elementBytes: number): T {
  const source = bytes.byteOffset % elementBytes === 0 ? bytes : bytes.slice();
  return new ctor(source.buffer, source.byteOffset, source.byteLength / elementBytes);
}

/**
 * IEEE half → float32, exact (every half is a float32). NaNs keep sign and payload and come out
 * quiet, as from the hardware conversion torch's `.float()` uses.
 */
export function halfToFloat32(halves: Uint16Array): Float32Array {
  const out = new Float32Array(halves.length);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < halves.length; i++) {
    const h = halves[i] ?? 0;
    const sign = (h & 0x8000) << 16;
    const exponent = (h >> 10) & 0x1f;
    const mantissa = h & 0x3ff;
    if (exponent === 0) {
      // Zero or subnormal: mantissa·2⁻²⁴ is exact in float32 (normal there).
      out[i] = (sign ? -mantissa : mantissa) * 2 ** -24;
    } else if (exponent === 0x1f) {
      const quiet = mantissa ? 0x00400000 : 0; // NaN (mantissa ≠ 0) or ±inf
      bits[i] = sign | 0x7f800000 | quiet | (mantissa << 13);
    } else {
      bits[i] = sign | ((exponent + 112) << 23) | (mantissa << 13); // rebias 15 → 127
    }
  }
  return out;
}

/** bfloat16 is the top half of a float32: widening is a shift, exact for every value. */
export function bfloat16ToFloat32(halves: Uint16Array): Float32Array {
  const out = new Float32Array(halves.length);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < halves.length; i++) bits[i] = (halves[i] ?? 0) << 16;
  return out;
}

/**
 * Decodes little-endian data of `dtype` (its length already checked against the shape).
 * Returns null for I64, which the readers skip. F32 and I32 may share memory with `bytes`.
 */
export function decodeValues(bytes: Uint8Array, dtype: FileDtype): HostValues | null {
  switch (dtype) {
    case 'F32':
      return typedView(bytes, Float32Array, 4);
    case 'I32':
      return typedView(bytes, Int32Array, 4);
    case 'F16':
      return halfToFloat32(typedView(bytes, Uint16Array, 2));
    case 'BF16':
      return bfloat16ToFloat32(typedView(bytes, Uint16Array, 2));
    case 'F64':
      // ToFloat32 of each element: round to nearest, ties to even (= Math.fround = C's cast).
      return new Float32Array(typedView(bytes, Float64Array, 8));
    case 'U8':
      return Int32Array.from(bytes);
    case 'I64':
      return null;
  }
}
