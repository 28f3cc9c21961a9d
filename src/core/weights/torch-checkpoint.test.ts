// .pth files written by torch.save (test/fixtures/weights, from scripts/fixtures/
// gen_weights_fixtures.py): same tensors as their safetensors twin; refused globals; damaged files.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeStateDict } from '../model/state-dict';
import { readSafetensors } from './safetensors';
import { readTorchCheckpoint } from './torch-checkpoint';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/weights/${name}`, import.meta.url)));

const bits = (t: tf.Tensor | undefined) => {
  const values = t?.dataSync() as Float32Array;
  return Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));
};

/** Replaces every occurrence of an ASCII string (same length) in a copy of the bytes. */
function patch(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const out = bytes.slice();
  const needle = new TextEncoder().encode(from);
  for (let at = out.indexOf(needle[0] ?? 0); at >= 0; at = out.indexOf(needle[0] ?? 0, at + 1)) {
    if (needle.every((byte, i) => out[at + i] === byte)) out.set(new TextEncoder().encode(to), at);
  }
  return out;
}

/** Expects a WeightsFileError naming the file and matching `fault`, with no tensor left behind. */
function expectRefused(bytes: Uint8Array, fault: RegExp): void {
  const before = tf.memory().numTensors;
  expect(() => readTorchCheckpoint(bytes, { fileName: 'model.pth' })).toThrow(
    new RegExp(`^model\\.pth: .*${fault.source}`),
  );
  expect(tf.memory().numTensors).toBe(before);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('readTorchCheckpoint on torch.save files', () => {
  it.each([
    ['state_dict.pth', 'an OrderedDict state dict (with _metadata), pickle protocol 2'],
    ['protocol4.pth', 'the same, pickle protocol 4'],
    ['nested.pth', "a dict {'state_dict': ..., 'epoch': 3, ...}"],
    ['legacy.pth', 'the legacy (pre-1.6) format'],
  ])('%s (%s) loads the tensors of its safetensors twin', (file) => {
    const twin = readSafetensors(fixture('state_dict.safetensors'));
    const { tensors, skipped } = readTorchCheckpoint(fixture(file));
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(twin.tensors).sort());
    for (const [name, expected] of Object.entries(twin.tensors)) {
      expect(tensors[name]?.shape, name).toEqual(expected.shape);
      expect(tensors[name]?.dtype, name).toBe(expected.dtype);
      expect(bits(tensors[name]), name).toEqual(bits(expected));
    }
    expect(skipped).toEqual(['1.num_batches_tracked']);
    expect(skipped).toEqual(twin.skipped);
    disposeStateDict(tensors);
    disposeStateDict(twin.tensors);
  });

  it('keeps the order of the state dict and gathers shared, strided storages', () => {
    const { tensors } = readTorchCheckpoint(fixture('state_dict.pth'));
    expect(Object.keys(tensors).slice(0, 3)).toEqual(['0.weight', '0.bias', '1.weight']);
    const base = tensors['extra.shared_base']?.arraySync() as number[][];
    expect(tensors['extra.shared_row']?.arraySync()).toEqual(base[2]);
    expect(tensors['extra.shared_col']?.arraySync()).toEqual(base.map((row) => row[1]));
    disposeStateDict(tensors);
  });
});

describe('readTorchCheckpoint refuses what is not a state dict', () => {
  it('refuses os.system (pickled as posix.system) without running anything', () => {
    expectRefused(fixture('evil_os_system.pth'), /refused pickle global "posix\.system"/);
  });

  it('refuses builtins.eval reached through STACK_GLOBAL (protocol 4)', () => {
    expectRefused(fixture('evil_eval.pth'), /refused pickle global "builtins\.eval"/);
  });

  it('refuses a whole pickled module, naming its class', () => {
    expectRefused(
      fixture('whole_module.pth'),
      /refused pickle global "torch\.nn\.modules\.linear\.Linear"/,
    );
  });

  it('refuses an allowed global turned into another by a byte patch', () => {
    const patched = patch(fixture('state_dict.pth'), 'collections', 'collectionz');
    expectRefused(patched, /refused pickle global "collectionz\.OrderedDict"/);
  });

  it('refuses unsupported storage types with a clear message', () => {
    const patched = patch(fixture('state_dict.pth'), 'torch\nHalfStorage', 'torch\nBoolStorage');
    expectRefused(patched, /storage type torch\.BoolStorage is not supported/);
  });

  it('refuses a dict whose entries are not tensors', () => {
    const patched = patch(fixture('nested.pth'), 'state_dict', 'other_dict');
    expectRefused(patched, /entry "other_dict" is a dict, not a tensor/);
  });
});

describe('readTorchCheckpoint on damaged files', () => {
  const zip = fixture('state_dict.pth');
  const legacy = fixture('legacy.pth');
  const withU32 = (bytes: Uint8Array, at: number, value: number) => {
    const out = bytes.slice();
    new DataView(out.buffer).setUint32(at, value, true);
    return out;
  };
  const centralDirectory = () => {
    const end = zip.length - 22; // no archive comment: the end record is last
    return new DataView(zip.buffer).getUint32(end + 16, true);
  };

  it.each([
    ['not a checkpoint', fixture('f32.safetensors'), /not a PyTorch checkpoint/],
    ['truncated ZIP', zip.slice(0, zip.length - 100), /not a complete ZIP archive/],
    ['no data.pkl', patch(zip, 'data.pkl', 'data.pkx'), /no data\.pkl record/],
    [
      'missing storage',
      patch(zip, 'state_dict/data/0', 'state_dict/data/x'),
      /record state_dict\/data\/0 is missing/,
    ],
    ['wrong storage size', patch(zip, 'K6t', 'K7t'), /data\/0 holds 216 bytes, not 220/],
    [
      'compressed record',
      withU32(zip, centralDirectory() + 10, 8),
      /"state_dict\/data\.pkl" is compressed \(method 8\)/,
    ],
    [
      'record past the end',
      withU32(zip, centralDirectory() + 42, 1e6),
      /local header missing at byte 1000000/,
    ],
    [
      'central directory damaged',
      withU32(zip, centralDirectory(), 0),
      /central directory is damaged/,
    ],
    ['pickle without STOP', patch(zip, 'susb.', 'susbN'), /pickle is truncated/],
    ['legacy file truncated', legacy.slice(0, legacy.length - 4), /runs past the end of the file/],
    [
      'legacy unknown persistent id',
      patch(legacy, 'storage', 'storagf'),
      /unsupported persistent id/,
    ],
    [
      'legacy size mismatch',
      patch(legacy, 'e.6\x00\x00', 'e.7\x00\x00'),
      /storage 0 holds 55 elements, the pickle says 54/,
    ],
  ])('%s: fails naming the file and the fault', (_, bytes, fault) => {
    expectRefused(bytes, fault);
  });

  it('names a default file when none is given', () => {
    expect(() => readTorchCheckpoint(new Uint8Array(3))).toThrow(/^PyTorch checkpoint: not a/);
  });
});
