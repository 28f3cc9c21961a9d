// The legacy torch.save format (before PyTorch 1.6; torchvision's 2017 DenseNet and SqueezeNet
// weights): pickles back to back, then the raw storages. Pure TS, same restricted unpickler.

import { type PickleHooks, unpickle } from './pickle';
import type { StorageInfo } from './torch-pickle';

type Fail = (fault: string) => Error;

/** torch's magic number, pickled first as a 10-byte LONG1 (opcodes 0x80 0x02 0x8a 0x0a). */
const MAGIC = 0x1950a86a20f9469cfc6cn;
const MAGIC_PREFIX = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8];
const PROTOCOL_VERSION = 1001;

export function looksLikeLegacyCheckpoint(bytes: Uint8Array): boolean {
  return MAGIC_PREFIX.every((byte, i) => bytes[i] === byte);
}

/** The object pickle and the raw bytes of each storage (by key), sizes checked. */
export function readLegacyCheckpoint(
  bytes: Uint8Array,
  hooks: PickleHooks,
  storages: Map<string, StorageInfo>,
  fail: Fail,
): { root: unknown; blobs: Map<string, Uint8Array> } {
  let at = 0;
  const next = (): unknown => {
    const result = unpickle(bytes, at, hooks, fail);
    at = result.end;
    return result.value;
  };
  if (next() !== MAGIC) throw fail('not a legacy torch.save file (bad magic number)');
  const version = next();
  if (version !== PROTOCOL_VERSION) {
    throw fail(`legacy protocol version ${version} is not supported`);
  }
  const sysInfo = next();
  if (!(sysInfo instanceof Map) || sysInfo.get('little_endian') !== true) {
    throw fail('big-endian checkpoints are not supported');
  }
  const root = next();
  const keys = next();
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) {
    throw fail('legacy storage key list is malformed');
  }
  return { root, blobs: readStorageBlocks(bytes, at, keys, storages, fail) };
}

/** Each storage: its element count as a little-endian int64, then its bytes, in `keys` order. */
function readStorageBlocks(
  bytes: Uint8Array,
  start: number,
  keys: string[],
  storages: Map<string, StorageInfo>,
  fail: Fail,
): Map<string, Uint8Array> {
  const blobs = new Map<string, Uint8Array>();
  let at = start;
  for (const key of keys) {
    const storage = storages.get(key);
    if (!storage) throw fail(`storage ${key} is listed but no tensor uses it`);
    if (at + 8 + storage.byteLength > bytes.length) {
      throw fail(`storage ${key} runs past the end of the file (truncated file?)`);
    }
    const numel = new DataView(bytes.buffer, bytes.byteOffset + at, 8).getBigInt64(0, true);
    if (numel !== BigInt(storage.numel)) {
      throw fail(`storage ${key} holds ${numel} elements, the pickle says ${storage.numel}`);
    }
    blobs.set(key, bytes.subarray(at + 8, at + 8 + storage.byteLength));
    at += 8 + storage.byteLength;
  }
  return blobs;
}
