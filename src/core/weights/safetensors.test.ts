// safetensors: bit-exact round trips, files written in Python, dtype conversion, malformed files.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeStateDict, type StateDict } from '../model/state-dict';
import { readSafetensors, writeSafetensors } from './safetensors';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/weights/${name}`, import.meta.url)));

/** The raw 32-bit patterns of a tensor's values (so NaN payloads and -0 compare exactly). */
const bits = (t: tf.Tensor | undefined) => {
  const values = t?.dataSync() as Float32Array;
  return Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('readSafetensors on files written by the Python fixture script', () => {
  it('reads F32 tensors, shapes and metadata, and writes the same bytes back', () => {
    const file = fixture('f32.safetensors');
    const { tensors, metadata, skipped } = readSafetensors(file);
    expect(metadata).toEqual({ format: 'pt', note: 'gen_weights_fixtures' });
    expect(skipped).toEqual([]);
    expect(tensors['layer.weight']?.shape).toEqual([3, 4]);
    expect(tensors.scalar?.shape).toEqual([]);
    expect(tensors.empty?.shape).toEqual([0, 5]);
    expect(bits(tensors.specials)).toEqual([
      0x00000000, 0x80000000, 0x00000001, 0x007fffff, 0x7f7fffff, 0x7f800000, 0xff800000,
      0x7fc00000, 0x7fa00001, 0xffc00000,
    ]);
    expect(writeSafetensors(tensors, metadata)).toEqual(file);
    disposeStateDict(tensors);
  });

  it('loads F16, BF16 and F64 to the float32 values torch computes with .float()', () => {
    const { tensors, skipped } = readSafetensors(fixture('dtypes.safetensors'));
    for (const name of ['f16', 'bf16', 'f64']) {
      expect(tensors[name]?.dtype).toBe('float32');
      expect(tensors[name]?.shape).toEqual(tensors[`${name}.as_f32`]?.shape);
      expect(bits(tensors[name]), name).toEqual(bits(tensors[`${name}.as_f32`]));
    }
    expect(tensors.i32?.arraySync()).toEqual([
      [-2147483648, -1, 0],
      [1, 7, 2147483647],
    ]);
    expect(tensors.u8?.arraySync()).toEqual([0, 1, 127, 128, 255]);
    expect(skipped).toEqual(['bn.num_batches_tracked']);
    disposeStateDict(tensors);
  });

  it('reads a file that starts at an unaligned offset (copying instead of viewing)', () => {
    const file = fixture('f32.safetensors');
    const shifted = new Uint8Array(file.length + 1);
    shifted.set(file, 1);
    const a = readSafetensors(file).tensors;
    const b = readSafetensors(shifted.subarray(1)).tensors;
    expect(bits(b['layer.weight'])).toEqual(bits(a['layer.weight']));
    disposeStateDict(a);
    disposeStateDict(b);
  });
});

describe('writeSafetensors', () => {
  it('round-trips bit-exactly, with an 8-byte aligned header and sorted names', () => {
    const special = new Float32Array(new Uint32Array([0x7fa00001, 0x80000000, 1]).buffer);
    const input: StateDict = {
      'b.weight': tf.randomNormal([4, 3, 2, 2], 0, 1, 'float32', 7),
      'a.bias': tf.tensor1d(special),
      counter: tf.tensor1d([3, -4], 'int32'),
      ['__proto__']: tf.scalar(1), // a computed key: an own entry, not the prototype
    };
    const bytes = writeSafetensors(input, { format: 'pt' });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    const { tensors, metadata } = readSafetensors(bytes);
    expect(Object.keys(tensors)).toEqual(['__proto__', 'a.bias', 'b.weight', 'counter']);
    expect(metadata).toEqual({ format: 'pt' });
    for (const name of Object.keys(input)) expect(bits(tensors[name])).toEqual(bits(input[name]));
    expect(tensors.counter?.dtype).toBe('int32');
    expect(writeSafetensors(tensors, metadata)).toEqual(bytes);
    disposeStateDict(tensors);
    disposeStateDict(input);
  });

  it('reads a hand-made header with __proto__ and constructor keys as names, polluting nothing', () => {
    const header = JSON.stringify({
      __metadata__: { ['__proto__']: 'meta' },
      ['__proto__']: { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
      constructor: { dtype: 'F32', shape: [1], data_offsets: [4, 8] },
    });
    const text = new TextEncoder().encode(header.padEnd(Math.ceil(header.length / 8) * 8, ' '));
    const bytes = new Uint8Array(8 + text.length + 8);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(text.length), true);
    bytes.set(text, 8);
    new DataView(bytes.buffer).setFloat32(8 + text.length, 1.5, true);
    new DataView(bytes.buffer).setFloat32(8 + text.length + 4, -2, true);
    const { tensors } = readSafetensors(bytes, { fileName: 'hostile.safetensors' });
    expect(Object.keys(tensors).sort()).toEqual(['__proto__', 'constructor']);
    expect(Array.from((tensors['constructor' as string] as tf.Tensor).dataSync())).toEqual([-2]);
    expect(({} as Record<string, unknown>).dtype).toBeUndefined(); // Object.prototype untouched
    disposeStateDict(tensors);
  });

  it('omits an empty __metadata__ and refuses dtypes other than float32 and int32', () => {
    const flag = { flag: tf.tensor1d([true], 'bool') };
    expect(() => writeSafetensors(flag)).toThrow('tensor "flag" has dtype bool');
    const text = new TextDecoder().decode(writeSafetensors({}));
    expect(text.slice(8).trim()).toBe('{}');
    disposeStateDict(flag);
  });
});

type Json = Record<string, unknown>;

/** Re-encodes a file with its header JSON changed by `edit` (data section unchanged). */
function withHeader(file: Uint8Array, edit: (header: Json) => Json): Uint8Array {
  const length = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + length)));
  const text = new TextEncoder().encode(JSON.stringify(edit(header)));
  const out = new Uint8Array(8 + text.length + file.length - 8 - length);
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(text, 8);
  out.set(file.subarray(8 + length), 8 + text.length);
  return out;
}

/** Re-encodes a file with the header entry of one tensor replaced. */
function withEntry(file: Uint8Array, name: string, edit: (entry: Json) => unknown): Uint8Array {
  return withHeader(file, (header) => ({ ...header, [name]: edit(header[name] as Json) }));
}

describe('readSafetensors on malformed files', () => {
  const valid = fixture('f32.safetensors');
  const length = Number(new DataView(valid.buffer).getBigUint64(0, true));
  const withLength = (n: bigint) => {
    const copy = valid.slice();
    new DataView(copy.buffer).setBigUint64(0, n, true);
    return copy;
  };
  const replaceHeader = (text: string) => {
    const copy = valid.slice();
    copy.fill(0x20, 8, 8 + length).set(new TextEncoder().encode(text), 8);
    return copy;
  };
  const cases: [string, Uint8Array, RegExp][] = [
    ['shorter than 8 bytes', valid.slice(0, 5), /truncated: 5 bytes, shorter than the 8-byte/],
    [
      'shorter than its header',
      valid.slice(0, 8 + length - 3),
      /header length \d+ runs past the end/,
    ],
    ['header length past the end', withLength(2n ** 40n), /header length 1099511627776 runs past/],
    [
      'shorter than its data',
      valid.slice(0, -4),
      /"specials": data_offsets .* run past the end of the data/,
    ],
    ['non-JSON header', replaceHeader('{"a": [1,'), /header is not valid JSON/],
    ['header not UTF-8', replaceHeader('{"\xff"}').fill(0xff, 10, 11), /header is not valid UTF-8/],
    ['header not an object', replaceHeader('[1, 2]'), /header is not a JSON object/],
    [
      'metadata not strings',
      withHeader(valid, (h) => ({ ...h, __metadata__: { a: 1 } })),
      /"__metadata__" must map names to strings/,
    ],
    [
      'unknown dtype',
      withEntry(valid, 'scalar', (e) => ({ ...e, dtype: 'F17' })),
      /tensor "scalar": unknown or unsupported dtype "F17"/,
    ],
    [
      'unsupported dtype',
      withEntry(valid, 'scalar', (e) => ({ ...e, dtype: 'F8_E4M3' })),
      /unsupported dtype "F8_E4M3"/,
    ],
    [
      'entry not an object',
      withEntry(valid, 'scalar', () => 3),
      /tensor "scalar": entry is not an object/,
    ],
    [
      'bad shape',
      withEntry(valid, 'scalar', (e) => ({ ...e, shape: [-1] })),
      /tensor "scalar": shape \[-1\] is not a list of sizes/,
    ],
    [
      'offsets not numbers',
      withEntry(valid, 'scalar', (e) => ({ ...e, data_offsets: [0] })),
      /data_offsets \[0\] are not two byte offsets/,
    ],
    [
      'offsets not matching the shape',
      withEntry(valid, 'scalar', (e) => ({ ...e, shape: [2] })),
      /"scalar": data_offsets \[\d+, \d+\] do not match shape \[2\] of F32 \(8 bytes\)/,
    ],
    [
      'offsets reversed',
      withEntry(valid, '9', (e) => ({ ...e, data_offsets: [16, 8] })),
      /"9": data_offsets \[16, 8\] do not match/,
    ],
    [
      'offsets out of range',
      withEntry(valid, 'scalar', (e) => ({ ...e, data_offsets: [4000, 4004] })),
      /"scalar": data_offsets \[4000, 4004\] run past the end of the data/,
    ],
    [
      'overlapping offsets',
      withEntry(valid, '9', (e) => ({ ...e, data_offsets: [4, 12] })),
      /tensors "10" and "9" overlap/,
    ],
  ];

  it.each(
    cases,
  )('%s: fails naming the file and the fault, allocating nothing', (_, bytes, fault) => {
    const before = tf.memory().numTensors;
    expect(() => readSafetensors(bytes, { fileName: 'resnet18.safetensors' })).toThrow(
      new RegExp(`^resnet18\\.safetensors: .*${fault.source}`),
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names a default file when none is given', () => {
    expect(() => readSafetensors(valid.slice(0, 5))).toThrow(/^safetensors file: truncated/);
  });
});
