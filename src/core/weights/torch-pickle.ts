// The allow-list for torch checkpoint pickles: OrderedDict, tensor/parameter rebuilds and storage
// types, nothing else. Pure TS: rebuilds produce recipes (storage, offset, shape, stride) that are
// materialized only after the whole file has been checked.
import { DTYPE_BYTES, type FileDtype } from './dtypes';
import { isIndex } from './file-error';
import type { PickleHooks } from './pickle';

type Fail = (fault: string) => Error;

/** Storage classes torch pickles (`torch.FloatStorage`, …) and the file dtype of their data. */
const STORAGE_DTYPES = new Map<string, FileDtype>([
  ['FloatStorage', 'F32'],
  ['HalfStorage', 'F16'],
  ['BFloat16Storage', 'BF16'],
  ['DoubleStorage', 'F64'],
  ['LongStorage', 'I64'],
  ['IntStorage', 'I32'],
  ['ByteStorage', 'U8'],
]);

class StorageType {
  constructor(readonly dtype: FileDtype) {}
}

/** A callable the allow-list admits; REDUCE may apply only these. */
class AllowedGlobal {
  constructor(
    readonly name: string,
    readonly call: (args: unknown[]) => unknown,
  ) {}
}

/** One storage of the file (a `data/<key>` record, or a block of a legacy file). */
export class StorageInfo {
  constructor(
    readonly key: string,
    readonly dtype: FileDtype,
    readonly numel: number,
  ) {}

  get byteLength(): number {
    return this.numel * DTYPE_BYTES[this.dtype];
  }
}

/** What a persistent id resolves to: `numel` elements of a storage from element `offset` on. */
class StorageView {
  constructor(
    readonly storage: StorageInfo,
    readonly offset: number,
    readonly numel: number,
  ) {}
}

/** A tensor as torch describes it: a strided view (element offset, shape, stride) of a storage. */
export class TensorRecipe {
  constructor(
    readonly storage: StorageInfo,
    readonly offset: number,
    readonly shape: number[],
    readonly stride: number[],
  ) {}
}

/** A short description of a pickled value, for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'None';
  if (value instanceof TensorRecipe) return 'a tensor';
  if (value instanceof Map) return 'a dict';
  if (Array.isArray(value)) return 'a list or tuple';
  if (value instanceof AllowedGlobal) return value.name;
  return `a ${typeof value}`;
}

function isIndexList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every(isIndex);
}

/** Pickle hooks for torch checkpoints, and the storages the pickle referenced (by key). */
export function createTorchHooks(fail: Fail): {
  hooks: PickleHooks;
  storages: Map<string, StorageInfo>;
} {
  const storages = new Map<string, StorageInfo>();
  const globals = allowedCallables(fail);
  const hooks: PickleHooks = {
    findGlobal: (module, name) => findGlobal(module, name, globals, fail),
    call: (callable, args) => {
      if (!(callable instanceof AllowedGlobal)) {
        throw fail(`pickle calls ${describeValue(callable)}`);
      }
      return callable.call(args);
    },
    // The only BUILD torch emits for state dicts sets their `_metadata` (module versions),
    // which loading here does not need.
    build: (target) => {
      if (!(target instanceof Map)) throw fail(`pickle sets the state of ${describeValue(target)}`);
    },
    persistentLoad: (pid) => loadStorage(pid, storages, fail),
  };
  return { hooks, storages };
}

function findGlobal(
  module: string,
  name: string,
  globals: Map<string, AllowedGlobal>,
  fail: Fail,
): unknown {
  const full = `${module}.${name}`;
  const allowed = globals.get(full);
  if (allowed) return allowed;
  if (module === 'torch' && name.endsWith('Storage')) {
    const dtype = STORAGE_DTYPES.get(name);
    if (dtype) return new StorageType(dtype);
    throw fail(
      `tensor storage type ${full} is not supported (float32/16/64, bfloat16, int32/64, uint8 are)`,
    );
  }
  throw fail(
    `refused pickle global "${full}": only tensors, storages and OrderedDict may be loaded ` +
      '(this file references other Python objects or code)',
  );
}

function allowedCallables(fail: Fail): Map<string, AllowedGlobal> {
  const rebuild = (args: unknown[]) => rebuildTensor(args, fail);
  const parameter = (args: unknown[]) => {
    if (!(args[0] instanceof TensorRecipe)) throw fail('a parameter does not wrap a tensor');
    return args[0]; // requires_grad and hooks do not matter for weights
  };
  // Python 3 pickles OrderedDict() and adds the items later; Python 2 passes them as [[k, v], …].
  const orderedDict = (args: unknown[]) => {
    const [items = []] = args;
    const isPair = (item: unknown) => Array.isArray(item) && item.length === 2;
    if (args.length > 1 || !Array.isArray(items) || !items.every(isPair)) {
      throw fail('OrderedDict is built from something other than key-value pairs');
    }
    return new Map(items as [unknown, unknown][]);
  };
  const entries: [string, (args: unknown[]) => unknown][] = [
    ['collections.OrderedDict', orderedDict],
    ['torch._utils._rebuild_tensor_v2', rebuild],
    ['torch._utils._rebuild_tensor', rebuild],
    ['torch._utils._rebuild_parameter', parameter],
    ['torch._utils._rebuild_parameter_with_state', parameter],
  ];
  return new Map(entries.map(([name, call]) => [name, new AllowedGlobal(name, call)]));
}

/**
 * `('storage', storage_type, key, location, numel)` in zip files; legacy files add view metadata
 * `(view_key, offset, numel)` or None. Views become a shifted storage offset in rebuildTensor, so
 * here they resolve to a shifted StorageView.
 */
function loadStorage(pid: unknown, storages: Map<string, StorageInfo>, fail: Fail): StorageView {
  if (!Array.isArray(pid) || pid[0] !== 'storage') {
    throw fail(`unsupported persistent id (${describeValue(Array.isArray(pid) ? pid[0] : pid)})`);
  }
  const [, type, key, , numel, view] = pid;
  if (!(type instanceof StorageType) || typeof key !== 'string' || !isIndex(numel)) {
    throw fail('malformed storage reference in the pickle');
  }
  const storage = storages.get(key) ?? new StorageInfo(key, type.dtype, numel);
  storages.set(key, storage);
  if (storage.dtype !== type.dtype || storage.numel !== numel) {
    throw fail(`storage ${key} is referenced with two different types or sizes`);
  }
  if (view === undefined || view === null) return new StorageView(storage, 0, numel);
  const [, offset, size] = Array.isArray(view) ? view : [];
  if (!isIndex(offset) || !isIndex(size) || offset + size > numel) {
    throw fail(`malformed view of storage ${key}`);
  }
  return new StorageView(storage, offset, size);
}

/** `_rebuild_tensor(_v2)(storage, storage_offset, size, stride, …)`, checked against bounds. */
function rebuildTensor(args: unknown[], fail: Fail): TensorRecipe {
  const [view, offset, shape, stride] = args;
  if (!(view instanceof StorageView) || !isIndex(offset)) {
    throw fail('malformed tensor in the pickle (no storage or offset)');
  }
  if (!isIndexList(shape) || !isIndexList(stride) || shape.length !== stride.length) {
    throw fail('malformed tensor in the pickle (bad size or stride)');
  }
  const last = shape.reduce((sum, size, d) => sum + (size - 1) * (stride[d] ?? 0), offset);
  if (!shape.includes(0) && last >= view.numel) {
    throw fail(`a tensor reaches element ${last} of storage ${view.storage.key} (${view.numel})`);
  }
  return new TensorRecipe(view.storage, view.offset + offset, shape, stride);
}
