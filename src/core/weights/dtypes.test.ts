// Float widening and rounding of the file dtypes, exhaustively for 16-bit types.
import { describe, expect, it } from 'vitest';
import { bfloat16ToFloat32, decodeValues, halfToFloat32 } from './dtypes';

const ALL_16_BIT = Uint16Array.from({ length: 65536 }, (_, i) => i);

/** IEEE half by its definition, in float64 (every half is exact there). */
function halfByDefinition(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

function bfloat16ByDefinition(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 7) & 0xff;
  const mantissa = h & 0x7f;
  if (exponent === 0) return sign * mantissa * 2 ** -133;
  if (exponent === 0xff) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mantissa / 128) * 2 ** (exponent - 127);
}

describe('16-bit float widening', () => {
  it('is exact for all 65536 halves (subnormals, ±0, ±inf, NaN)', () => {
    const expected = Array.from(ALL_16_BIT, halfByDefinition);
    expect(Array.from(halfToFloat32(ALL_16_BIT))).toEqual(expected);
  });

  it('is exact for all 65536 bfloat16 values', () => {
    const expected = Array.from(ALL_16_BIT, bfloat16ByDefinition);
    expect(Array.from(bfloat16ToFloat32(ALL_16_BIT))).toEqual(expected);
  });

  it('keeps the sign and payload of NaNs (half NaNs become quiet, as in torch)', () => {
    const bits = (f: Float32Array) => Array.from(new Uint32Array(f.buffer));
    expect(bits(halfToFloat32(Uint16Array.of(0x7e00, 0xfd55)))).toEqual([0x7fc00000, 0xffeaa000]);
    expect(bits(bfloat16ToFloat32(Uint16Array.of(0x7fc1, 0xff81)))).toEqual([
      0x7fc10000, 0xff810000,
    ]);
  });
});

describe('decodeValues', () => {
  it('rounds F64 to nearest, ties to even, like Math.fround', () => {
    const values = [1 + 2 ** -24, 1 + 3 * 2 ** -24, (2 - 2 ** -24) * 2 ** 127, 2 ** -150, 1e-40];
    const bytes = new Uint8Array(Float64Array.from(values).buffer);
    expect(Array.from(decodeValues(bytes, 'F64') ?? [])).toEqual(values.map(Math.fround));
    expect(Math.fround(1 + 2 ** -24)).toBe(1); // the tie really went to even
  });

  it('views aligned F32 data without copying, and copies unaligned data', () => {
    const buffer = new Uint8Array(13);
    new DataView(buffer.buffer).setFloat32(4, 1.5, true);
    new DataView(buffer.buffer).setFloat32(9, -2, true);
    const aligned = decodeValues(buffer.subarray(4, 8), 'F32');
    expect(aligned?.buffer).toBe(buffer.buffer);
    const unaligned = decodeValues(buffer.subarray(9, 13), 'F32');
    expect(unaligned?.buffer).not.toBe(buffer.buffer);
    expect([aligned?.[0], unaligned?.[0]]).toEqual([1.5, -2]);
  });

  it('widens U8 to int32 and skips I64', () => {
    expect(decodeValues(Uint8Array.of(0, 255), 'U8')).toEqual(Int32Array.of(0, 255));
    expect(decodeValues(new Uint8Array(8), 'I64')).toBeNull();
  });
});
