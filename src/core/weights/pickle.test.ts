// The restricted pickle VM on pickles made by CPython (hex below from pickle.dumps).
import { describe, expect, it } from 'vitest';
import { type PickleHooks, unpickle } from './pickle';

const hex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (b) => parseInt(b, 16));
const fail = (fault: string) => new Error(fault);

/** Hooks that refuse everything: plain data must not need any. */
const noHooks: PickleHooks = {
  findGlobal: (module, name) => {
    throw fail(`refused ${module}.${name}`);
  },
  call: () => {
    throw fail('call');
  },
  build: () => {
    throw fail('build');
  },
  persistentLoad: () => {
    throw fail('persistent');
  },
};

// pickle.dumps({'a': [1, -2, 300, 70000, -70000, 2**40, -2**70, 1.5, None, True, False, 'é',
//               (1,), (1, 2), (1, 2, 3), ()], 'b': {}}, protocol=2 and protocol=4)
const PROTOCOL_2 =
  '80027d71002858010000006171015d7102284b014afeffffff4d2c014a701101004a90eefeff8a0600000000' +
  '00018a090000000000000000c0473ff80000000000004e88895802000000c3a971034b018571044b014b0286' +
  '71054b014b024b03877106296558010000006271077d7108752e';
const PROTOCOL_4 =
  '8004955e000000000000007d94288c0161945d94284b014afeffffff4d2c014a701101004a90eefeff8a0600' +
  '00000000018a090000000000000000c0473ff80000000000004e88898c02c3a9944b0185944b014b0286944b' +
  '014b024b03879429658c0162947d94752e';

const SCALARS = [1, -2, 300, 70000, -70000, 2 ** 40, -(2n ** 70n), 1.5, null, true, false, 'é'];
const TUPLES = [[1], [1, 2], [1, 2, 3], []];
const EXPECTED = new Map<unknown, unknown>([
  ['a', [...SCALARS, ...TUPLES]],
  ['b', new Map()],
]);

describe('unpickle', () => {
  it.each([
    ['protocol 2', PROTOCOL_2],
    ['protocol 4 (FRAME, MEMOIZE, SHORT_BINUNICODE)', PROTOCOL_4],
  ])('decodes plain data, %s', (_, text) => {
    const bytes = hex(text);
    const { value, end } = unpickle(bytes, 0, noHooks, fail);
    expect(value).toEqual(EXPECTED);
    expect(end).toBe(bytes.length);
  });

  it('keeps memo references shared', () => {
    // x = [1]; pickle.dumps([x, x], protocol=2)
    const { value } = unpickle(hex('80025d7100285d71014b01616801652e'), 0, noHooks, fail);
    const [first, second] = value as unknown[][];
    expect(first).toBe(second);
  });

  it('reads Python 2 byte strings (BINSTRING, SHORT_BINSTRING) as text', () => {
    // What Python 2 writes for ['ab', 'c'] (str, not unicode); 'c' hand-encoded as BINSTRING.
    const bytes = hex('80025d7100285502616271015401000000637102652e');
    const { value } = unpickle(bytes, 0, noHooks, fail);
    expect(value).toEqual(['ab', 'c']);
  });

  it('starts at an offset and reports where STOP ended', () => {
    const bytes = hex('00ff80024b072e80024b082e');
    const first = unpickle(bytes, 2, noHooks, fail);
    expect(first).toEqual({ value: 7, end: 7 });
    expect(unpickle(bytes, first.end, noHooks, fail).value).toBe(8);
  });

  it('sends GLOBAL and STACK_GLOBAL to the hook, which may refuse', () => {
    // GLOBAL 'os system' / STACK_GLOBAL 'builtins' 'eval'
    const global = hex(`8002${Buffer.from('cos\nsystem\n').toString('hex')}2e`);
    expect(() => unpickle(global, 0, noHooks, fail)).toThrow('refused os.system');
    const stack = hex('80048c086275696c74696e73948c046576616c94932e');
    expect(() => unpickle(stack, 0, noHooks, fail)).toThrow('refused builtins.eval');
  });

  it.each([
    ['INST (protocol 0 call)', '80026962756964696e730a6576616c0a2e', /opcode 0x69 at byte 2/],
    ['NEWOBJ', '8002294e812e', /opcode 0x81/],
    ['EXT1', '8002820a2e', /opcode 0x82/],
  ])('refuses opcodes outside the subset: %s', (_, text, message) => {
    expect(() => unpickle(hex(text), 0, noHooks, fail)).toThrow(message);
  });

  it.each([
    ['no STOP', '80024b07', /truncated/],
    ['string past the end', '800258ff000000616263', /truncated/],
    ['TUPLE without MARK', '8002742e', /no MARK/],
    ['TUPLE2 on one item', '80024b01862e', /underflow/],
    ['undefined memo', '800268052e', /memo 5 is undefined/],
    ['two values left', '80024b014b022e', /bad stack/],
    ['SETITEM on a list', '80025d4b014b02732e', /not a dict/],
  ])('rejects malformed pickles: %s', (_, text, message) => {
    expect(() => unpickle(hex(text), 0, noHooks, fail)).toThrow(message);
  });
});
