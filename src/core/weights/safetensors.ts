// safetensors read/write (the format of the timm ImageNet weights and of our exports). tfjs only:
// no DOM or Node APIs, so the same code runs in the worker, in Node tests and in Chromium.
import type * as tf from '@tensorflow/tfjs';
import type { StateDict } from '../model/state-dict';
import { decodeValues } from './dtypes';
import { createStateDict, type HostTensor } from './host-tensor';
import { parseSafetensorsHeader } from './safetensors-header';

export interface SafetensorsContents {
  /** float32 (and int32) tensors in PyTorch names and layouts; the caller disposes them. */
  tensors: StateDict;
  metadata: Record<string, string>;
  /** Names of I64 tensors that were not loaded (BatchNorm's `num_batches_tracked` counters). */
  skipped: string[];
}

/**
 * Reads a safetensors file. F16, BF16 and F64 become float32 (F16/BF16 exactly, F64 rounded to
 * nearest even), I32/U8 become int32, I64 is skipped. Aligned F32 data is not copied: the tensors
 * then share memory with `bytes`, which must not be modified afterwards. Throws WeightsFileError
 * (message starting with the file name) for a malformed file, before creating any tensor.
 */
export function readSafetensors(
  bytes: Uint8Array,
  opts: { fileName?: string } = {},
): SafetensorsContents {
  const header = parseSafetensorsHeader(bytes, opts.fileName ?? 'safetensors file');
  const hosts: [string, HostTensor][] = [];
  const skipped: string[] = [];
  for (const entry of header.entries) {
    const data = bytes.subarray(header.dataStart + entry.begin, header.dataStart + entry.end);
    const values = decodeValues(data, entry.dtype);
    if (values === null) skipped.push(entry.name);
    else hosts.push([entry.name, { shape: entry.shape, values }]);
  }
  return { tensors: createStateDict(hosts), metadata: header.metadata, skipped };
}

interface EncodedTensor {
  name: string;
  dtype: 'F32' | 'I32';
  shape: number[];
  data: Uint8Array;
}

/** Reads a tensor's values (dataSync: a GPU read-back on WebGPU/WebGL) as little-endian bytes. */
function encodeTensor(name: string, tensor: tf.Tensor): EncodedTensor {
  if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32') {
    throw new Error(
      `writeSafetensors: tensor ${JSON.stringify(name)} has dtype ${tensor.dtype}; ` +
        'only float32 and int32 are written',
    );
  }
  const values = tensor.dataSync() as Float32Array | Int32Array;
  const data = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  return { name, dtype: tensor.dtype === 'float32' ? 'F32' : 'I32', shape: tensor.shape, data };
}

/**
 * The header as the reference implementation writes it: compact JSON, `__metadata__` first, then
 * the tensors in data order, padded with spaces to a multiple of 8 bytes (so the data is aligned).
 * Built by hand because JSON.stringify would move integer-like names ("10") to the front.
 */
function encodeHeader(tensors: EncodedTensor[], metadata: Record<string, string>): Uint8Array {
  const fields: string[] = [];
  if (Object.keys(metadata).length > 0) fields.push(`"__metadata__":${JSON.stringify(metadata)}`);
  let offset = 0;
  for (const t of tensors) {
    const info = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.data.length] };
    fields.push(`${JSON.stringify(t.name)}:${JSON.stringify(info)}`);
    offset += t.data.length;
  }
  const text = new TextEncoder().encode(`{${fields.join(',')}}`);
  const padded = new Uint8Array(Math.ceil(text.length / 8) * 8).fill(0x20); // ' '
  padded.set(text);
  return padded;
}

/**
 * Writes float32 tensors as F32 and int32 tensors as I32, in sorted-name order with contiguous
 * offsets. Reads the tensors' values; does not dispose them (the caller still owns them).
 */
export function writeSafetensors(
  tensors: StateDict,
  metadata: Record<string, string> = {},
): Uint8Array {
  // Default sort: UTF-16 code-unit order, which equals the reference's byte order for the
  // ASCII names of state dicts.
  const encoded = Object.keys(tensors)
    .sort()
    .map((name) => encodeTensor(name, tensors[name] as tf.Tensor));
  const header = encodeHeader(encoded, metadata);
  const dataLength = encoded.reduce((n, t) => n + t.data.length, 0);
  const out = new Uint8Array(8 + header.length + dataLength);
  new DataView(out.buffer).setBigUint64(0, BigInt(header.length), true);
  out.set(header, 8);
  let position = 8 + header.length;
  for (const t of encoded) {
    out.set(t.data, position);
    position += t.data.length;
  }
  return out;
}
