// The torch allow-list hooks on their own: storages, views, strides, bounds, refusals.
import { describe, expect, it } from 'vitest';
import { createTorchHooks, TensorRecipe } from './torch-pickle';

const fail = (fault: string) => new Error(fault);

function setup() {
  const { hooks, storages } = createTorchHooks(fail);
  const rebuild = hooks.findGlobal('torch._utils', '_rebuild_tensor_v2');
  const float = hooks.findGlobal('torch', 'FloatStorage');
  const storage = (key: string, numel: number, view: unknown = null) =>
    hooks.persistentLoad(['storage', float, key, 'cpu', numel, view]);
  return { hooks, storages, rebuild, storage };
}

describe('torch pickle hooks', () => {
  it('rebuilds a strided tensor as a recipe on a shared storage', () => {
    const { hooks, storages, rebuild, storage } = setup();
    const a = hooks.call(rebuild, [storage('0', 12), 0, [3, 4], [4, 1], false, new Map()]);
    const b = hooks.call(rebuild, [storage('0', 12), 0, [4, 3], [1, 4], false, new Map()]);
    expect(a).toBeInstanceOf(TensorRecipe);
    expect((a as TensorRecipe).storage).toBe((b as TensorRecipe).storage);
    expect(b).toMatchObject({ offset: 0, shape: [4, 3], stride: [1, 4] });
    expect([...storages.keys()]).toEqual(['0']);
  });

  it('shifts tensors on a legacy storage view by the view offset', () => {
    const { hooks, rebuild, storage } = setup();
    const view = storage('root', 10, ['view', 4, 6]);
    expect(hooks.call(rebuild, [view, 1, [5], [1]])).toMatchObject({ offset: 5, shape: [5] });
    expect(() => storage('root', 10, ['view', 8, 6])).toThrow('malformed view of storage root');
  });

  it('refuses tensors that reach past their storage', () => {
    const { hooks, rebuild, storage } = setup();
    expect(() => hooks.call(rebuild, [storage('0', 12), 1, [3, 4], [4, 1]])).toThrow(
      'a tensor reaches element 12 of storage 0 (12)',
    );
    expect(hooks.call(rebuild, [storage('0', 12), 99, [0, 4], [4, 1]])).toBeInstanceOf(
      TensorRecipe,
    );
  });

  it('refuses one storage key used with two dtypes or sizes', () => {
    const { hooks, storage } = setup();
    storage('0', 12);
    const half = hooks.findGlobal('torch', 'HalfStorage');
    expect(() => hooks.persistentLoad(['storage', half, '0', 'cpu', 12])).toThrow(
      'storage 0 is referenced with two different types or sizes',
    );
  });

  it('builds OrderedDicts from nothing (Python 3) or from pairs (Python 2)', () => {
    const { hooks } = setup();
    const orderedDict = hooks.findGlobal('collections', 'OrderedDict');
    expect(hooks.call(orderedDict, [])).toEqual(new Map());
    expect(hooks.call(orderedDict, [[['a', 1]]])).toEqual(new Map([['a', 1]]));
    expect(() => hooks.call(orderedDict, [[['a']]])).toThrow('key-value pairs');
  });

  it('refuses other globals, calls of non-callables and BUILD on non-dicts', () => {
    const { hooks, storage } = setup();
    expect(() => hooks.findGlobal('torch', 'load')).toThrow('refused pickle global "torch.load"');
    expect(() => hooks.findGlobal('torch._utils', '_rebuild_qtensor')).toThrow('refused');
    expect(() => hooks.call('os.system', [])).toThrow('pickle calls a string');
    expect(() => hooks.build(storage('0', 1), new Map())).toThrow('pickle sets the state of');
    expect(() => hooks.persistentLoad(['module', 'x'])).toThrow('unsupported persistent id');
  });
});
