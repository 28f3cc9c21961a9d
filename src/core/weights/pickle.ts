// A restricted pickle virtual machine: the opcodes torch.save emits (protocols 2 to 5) and nothing
// else. Pure TS. It never resolves a global or calls anything itself: every GLOBAL, REDUCE, BUILD
// and persistent id goes to the caller's hooks, which hold the allow-list.

/** What the caller decides; each hook throws to refuse. */
export interface PickleHooks {
  /** GLOBAL / STACK_GLOBAL `module.name`: the value to push, or throw if not allowed. */
  findGlobal(module: string, name: string): unknown;
  /** REDUCE: apply a value returned by findGlobal to its argument tuple. */
  call(callable: unknown, args: unknown[]): unknown;
  /** BUILD: set the state of an object (e.g. the `_metadata` of a state dict). */
  build(target: unknown, state: unknown): void;
  /** BINPERSID: resolve a persistent id (torch's storage references). */
  persistentLoad(pid: unknown): unknown;
}

export interface Unpickled {
  /**
   * The unpickled object. Dicts become Maps (no prototype pitfalls with keys such as
   * "__proto__"), tuples and lists become arrays, ints beyond 2^53 become bigints.
   */
  value: unknown;
  /** Byte offset just after STOP (legacy torch files hold several pickles back to back). */
  end: number;
}

type Fail = (fault: string) => Error;

class Machine {
  position: number;
  readonly stack: unknown[] = [];
  readonly marks: number[] = [];
  readonly memo = new Map<number, unknown>();

  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly hooks: PickleHooks,
    readonly fail: Fail,
  ) {
    this.position = start;
  }

  take(length: number): Uint8Array {
    if (this.position + length > this.bytes.length) {
      throw this.fail(`pickle is truncated (needs ${length} bytes at byte ${this.position})`);
    }
    const chunk = this.bytes.subarray(this.position, this.position + length);
    this.position += length;
    return chunk;
  }

  view(length: number): DataView {
    const chunk = this.take(length);
    return new DataView(chunk.buffer, chunk.byteOffset, length);
  }

  u8(): number {
    return this.view(1).getUint8(0);
  }

  u32(): number {
    return this.view(4).getUint32(0, true);
  }

  text(length: number): string {
    return new TextDecoder().decode(this.take(length));
  }

  /** A newline-terminated line (the operands of GLOBAL). */
  line(): string {
    const end = this.bytes.indexOf(0x0a, this.position);
    if (end < 0) throw this.fail('pickle is truncated (unterminated GLOBAL)');
    return this.text(end - this.position + 1).slice(0, -1);
  }

  push(value: unknown): void {
    this.stack.push(value);
  }

  pop(): unknown {
    if (this.stack.length <= (this.marks.at(-1) ?? 0)) {
      throw this.fail(`pickle stack underflow at byte ${this.position}`);
    }
    return this.stack.pop();
  }

  top(): unknown {
    const value = this.pop();
    this.stack.push(value);
    return value;
  }

  /** The items pushed since the last MARK, removed with the mark. */
  popMark(): unknown[] {
    const mark = this.marks.pop();
    if (mark === undefined) throw this.fail(`pickle has no MARK at byte ${this.position}`);
    return this.stack.splice(mark);
  }

  memoGet(index: number): void {
    if (!this.memo.has(index)) throw this.fail(`pickle memo ${index} is undefined`);
    this.push(this.memo.get(index));
  }

  memoPut(index: number): void {
    this.memo.set(index, this.top());
  }
}

/** Two's-complement little-endian integer (LONG1/LONG4): a number when safe, else a bigint. */
function decodeLong(bytes: Uint8Array): number | bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i] ?? 0);
  if (bytes.length > 0 && (bytes[bytes.length - 1] ?? 0) & 0x80) {
    value -= 1n << BigInt(8 * bytes.length);
  }
  const small = Number(value);
  return Number.isSafeInteger(small) ? small : value;
}

function setItems(m: Machine, items: unknown[]): void {
  const dict = m.top();
  if (!(dict instanceof Map)) throw m.fail('pickle SETITEM target is not a dict');
  for (let i = 0; i + 1 < items.length; i += 2) dict.set(items[i], items[i + 1]);
}

function appendItems(m: Machine, items: unknown[]): void {
  const list = m.top();
  if (!Array.isArray(list)) throw m.fail('pickle APPEND target is not a list');
  list.push(...items);
}

function toDict(m: Machine, items: unknown[]): Map<unknown, unknown> {
  const dict = new Map<unknown, unknown>();
  m.push(dict);
  setItems(m, items);
  return m.pop() as Map<unknown, unknown>;
}

type Op = (m: Machine) => void;
const char = (c: string) => c.charCodeAt(0);

/** Opcode → behaviour, as in CPython's pickle.py; anything absent is refused. */
const OPS = new Map<number, Op>([
  [0x80, (m) => m.u8()], // PROTO: any version 2-5 uses only the opcodes below
  [0x95, (m) => m.take(8)], // FRAME: frames are only a buffering hint
  [char('('), (m) => m.marks.push(m.stack.length)], // MARK
  [char('}'), (m) => m.push(new Map())], // EMPTY_DICT
  [char(']'), (m) => m.push([])], // EMPTY_LIST
  [char(')'), (m) => m.push([])], // EMPTY_TUPLE
  [char('d'), (m) => m.push(toDict(m, m.popMark()))], // DICT
  [char('l'), (m) => m.push(m.popMark())], // LIST
  [char('t'), (m) => m.push(m.popMark())], // TUPLE
  [0x85, (m) => m.push([m.pop()])], // TUPLE1
  [0x86, (m) => m.push([m.pop(), m.pop()].reverse())], // TUPLE2
  [0x87, (m) => m.push([m.pop(), m.pop(), m.pop()].reverse())], // TUPLE3
  [char('N'), (m) => m.push(null)], // NONE
  [0x88, (m) => m.push(true)], // NEWTRUE
  [0x89, (m) => m.push(false)], // NEWFALSE
  [char('K'), (m) => m.push(m.u8())], // BININT1
  [char('M'), (m) => m.push(m.view(2).getUint16(0, true))], // BININT2
  [char('J'), (m) => m.push(m.view(4).getInt32(0, true))], // BININT
  [0x8a, (m) => m.push(decodeLong(m.take(m.u8())))], // LONG1
  [0x8b, (m) => m.push(decodeLong(m.take(m.u32())))], // LONG4
  [char('G'), (m) => m.push(m.view(8).getFloat64(0, false))], // BINFLOAT (big-endian)
  [char('X'), (m) => m.push(m.text(m.u32()))], // BINUNICODE
  [0x8c, (m) => m.push(m.text(m.u8()))], // SHORT_BINUNICODE
  [char('T'), (m) => m.push(m.text(m.u32()))], // BINSTRING: Python 2 str, read as UTF-8 like torch
  [char('U'), (m) => m.push(m.text(m.u8()))], // SHORT_BINSTRING
  [char('q'), (m) => m.memoPut(m.u8())], // BINPUT
  [char('r'), (m) => m.memoPut(m.u32())], // LONG_BINPUT
  [0x94, (m) => m.memoPut(m.memo.size)], // MEMOIZE
  [char('h'), (m) => m.memoGet(m.u8())], // BINGET
  [char('j'), (m) => m.memoGet(m.u32())], // LONG_BINGET
  [char('s'), (m) => setItems(m, [m.pop(), m.pop()].reverse())], // SETITEM
  [char('u'), (m) => setItems(m, m.popMark())], // SETITEMS
  [char('a'), (m) => appendItems(m, [m.pop()])], // APPEND
  [char('e'), (m) => appendItems(m, m.popMark())], // APPENDS
  [char('c'), (m) => m.push(m.hooks.findGlobal(m.line(), m.line()))], // GLOBAL
  [0x93, stackGlobal], // STACK_GLOBAL
  [char('R'), reduce], // REDUCE
  [char('b'), build], // BUILD
  [char('Q'), (m) => m.push(m.hooks.persistentLoad(m.pop()))], // BINPERSID
]);

function stackGlobal(m: Machine): void {
  const name = m.pop();
  const module = m.pop();
  if (typeof module !== 'string' || typeof name !== 'string') {
    throw m.fail('pickle STACK_GLOBAL operands are not strings');
  }
  m.push(m.hooks.findGlobal(module, name));
}

/** BUILD pops the state and leaves the object it was applied to on the stack. */
function build(m: Machine): void {
  const state = m.pop();
  m.hooks.build(m.top(), state);
}

function reduce(m: Machine): void {
  const args = m.pop();
  const callable = m.pop();
  if (!Array.isArray(args)) throw m.fail('pickle REDUCE arguments are not a tuple');
  m.push(m.hooks.call(callable, args));
}

/** Runs one pickle from `start` to its STOP; throws via `fail` on anything unexpected. */
export function unpickle(
  bytes: Uint8Array,
  start: number,
  hooks: PickleHooks,
  fail: Fail,
): Unpickled {
  const m = new Machine(bytes, start, hooks, fail);
  for (;;) {
    const at = m.position;
    const opcode = m.u8();
    if (opcode === char('.')) {
      if (m.stack.length !== 1 || m.marks.length > 0) throw fail('pickle ends with a bad stack');
      return { value: m.stack[0], end: m.position };
    }
    const op = OPS.get(opcode);
    if (!op) {
      const hex = opcode.toString(16).padStart(2, '0');
      throw fail(`unsupported pickle opcode 0x${hex} at byte ${at}`);
    }
    op(m);
  }
}
