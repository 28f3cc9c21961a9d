// PyTorch checkpoints (.pth) read without Python: the torch.save ZIP format (PyTorch ≥ 1.6) and the
// legacy format, through a restricted unpickler that never runs code. tfjs only (no DOM, no Node).

import type { StateDict } from '../model/state-dict';
import { decodeValues, type HostValues } from './dtypes';
import { WeightsFileError } from './file-error';
import { createStateDict, type HostTensor } from './host-tensor';
import { unpickle } from './pickle';
import { gatherStrided } from './strided';
import { looksLikeLegacyCheckpoint, readLegacyCheckpoint } from './torch-legacy';
import { createTorchHooks, describeValue, type StorageInfo, TensorRecipe } from './torch-pickle';
import { looksLikeZip, readZipRecords } from './zip';

export interface TorchCheckpointContents {
  /** float32 (and int32) tensors, C-order copies of torch's views; the caller disposes them. */
  tensors: StateDict;
  /** Names of int64 tensors that were not loaded (BatchNorm's `num_batches_tracked`). */
  skipped: string[];
}

type Fail = (fault: string) => Error;

/** Keys under which training scripts nest the state dict in a larger checkpoint dict. */
const NESTED_KEYS = ['state_dict', 'model_state_dict', 'model'];

interface Unpacked {
  root: unknown;
  /** Storage key → its raw little-endian bytes, length already checked. */
  blobs: Map<string, Uint8Array>;
}

/** `<archive>/data.pkl` plus one `<archive>/data/<key>` record per storage. */
function unpackZip(bytes: Uint8Array, fileName: string, fail: Fail): Unpacked {
  const records = readZipRecords(bytes, fileName);
  const found = [...records].find(([name]) => /^([^/]+\/)?data\.pkl$/.test(name));
  if (!found) throw fail('no data.pkl record in the ZIP archive (not a torch.save checkpoint?)');
  const [pickleName, pickle] = found;
  const prefix = pickleName.slice(0, -'data.pkl'.length);
  const byteorder = records.get(`${prefix}byteorder`);
  if (byteorder && new TextDecoder().decode(byteorder) !== 'little') {
    throw fail('big-endian checkpoints are not supported');
  }
  const { hooks, storages } = createTorchHooks(fail);
  const { value } = unpickle(pickle, 0, hooks, fail);
  const blobs = new Map<string, Uint8Array>();
  for (const storage of storages.values()) {
    const record = `${prefix}data/${storage.key}`;
    const blob = records.get(record);
    if (!blob) throw fail(`storage record ${record} is missing`);
    if (blob.length !== storage.byteLength) {
      throw fail(`storage record ${record} holds ${blob.length} bytes, not ${storage.byteLength}`);
    }
    blobs.set(storage.key, blob);
  }
  return { root: value, blobs };
}

function unpack(bytes: Uint8Array, fileName: string, fail: Fail): Unpacked {
  if (looksLikeZip(bytes)) return unpackZip(bytes, fileName, fail);
  if (looksLikeLegacyCheckpoint(bytes)) {
    const { hooks, storages } = createTorchHooks(fail);
    return readLegacyCheckpoint(bytes, hooks, storages, fail);
  }
  throw fail('not a PyTorch checkpoint (neither a torch.save ZIP archive nor the legacy format)');
}

/** The tensors of a plain state dict, or of one nested under a key such as "state_dict". */
function stateDictEntries(root: unknown, fail: Fail): [string, TensorRecipe][] {
  if (!(root instanceof Map)) throw fail(`the checkpoint holds ${describeValue(root)}, not a dict`);
  const nested = NESTED_KEYS.map((key) => root.get(key)).find((value) => value instanceof Map);
  const dict: Map<unknown, unknown> = nested ?? root;
  return [...dict].map(([name, value]): [string, TensorRecipe] => {
    if (typeof name !== 'string' || !(value instanceof TensorRecipe)) {
      throw fail(
        `entry ${JSON.stringify(String(name))} is ${describeValue(value)}, not a tensor ` +
          '(expected a state dict, or a dict with a "state_dict" key)',
      );
    }
    return [name, value];
  });
}

/** Decodes each storage once (views of one storage share it) and gathers every tensor's view. */
function materialize(entries: [string, TensorRecipe][], blobs: Map<string, Uint8Array>) {
  const decoded = new Map<StorageInfo, HostValues | null>();
  const hosts: [string, HostTensor][] = [];
  const skipped: string[] = [];
  for (const [name, recipe] of entries) {
    const { storage } = recipe;
    if (!decoded.has(storage)) {
      const blob = blobs.get(storage.key) ?? new Uint8Array(0); // present: checked by unpack
      decoded.set(storage, decodeValues(blob, storage.dtype));
    }
    const values = decoded.get(storage);
    if (!values) {
      skipped.push(name);
      continue;
    }
    const gathered = gatherStrided(values, recipe.offset, recipe.shape, recipe.stride);
    hosts.push([name, { shape: recipe.shape, values: gathered }]);
  }
  return { hosts, skipped };
}

/**
 * Reads a `.pth` file written by torch.save: a state dict (dict or OrderedDict of tensors), or a
 * dict holding one under "state_dict" (also "model_state_dict" or "model"). float16, bfloat16
 * and float64 tensors become float32; int64 ones are skipped. Any pickled global other than
 * OrderedDict, tensor/parameter rebuilds and storage types is refused (WeightsFileError naming
 * it); so is any malformed file, before any tensor is created. Tensors may share memory with
 * `bytes`, which must not be modified afterwards.
 */
export function readTorchCheckpoint(
  bytes: Uint8Array,
  opts: { fileName?: string } = {},
): TorchCheckpointContents {
  const fileName = opts.fileName ?? 'PyTorch checkpoint';
  const fail: Fail = (fault) => new WeightsFileError(fileName, fault);
  const { root, blobs } = unpack(bytes, fileName, fail);
  const { hosts, skipped } = materialize(stateDictEntries(root, fail), blobs);
  return { tensors: createStateDict(hosts), skipped };
}
