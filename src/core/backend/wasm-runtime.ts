// Loads the CPU backend's WebAssembly kernels (wasm/*.ts, embedded by wasm-binaries.generated.ts)
// and runs their jobs, on this thread or shared with worker threads. The host starts the workers
// (worker_threads in Node, Web Workers in the browser): the core only hands each one the compiled
// module, the shared memory and its index, so it stays free of host APIs. WebAssembly only.
import { SHARED_MAXIMUM_PAGES, WASM_BINARIES } from './wasm-binaries.generated';

/** What a host-started worker needs: instantiate `module` with `{ env: { memory } }`, then call
 *  its export `workerLoop(control, worker)`, which returns only after `stopWorkers`. */
export interface WasmWorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: number;
  worker: number;
}

/** Starts one worker thread for `init`; called once per extra thread when the runtime loads. */
export type SpawnWasmWorker = (init: WasmWorkerInit) => void;

export interface WasmRuntimeOptions {
  /** Threads including the caller. Default 1; more need `spawn` and shared memory. */
  threads?: number;
  spawn?: SpawnWasmWorker;
  /** Jobs under this many multiply-adds run on the caller alone (waking workers costs more). */
  parallelMinMacs?: number;
}

type VariantName = keyof typeof WASM_BINARIES;

interface KernelExports {
  runAll(job: number, count: number): void;
  publish?(ctl: number, job: number, count: number): void;
  runTasks?(ctl: number, worker: number): void;
  waitDone?(ctl: number): void;
  stopWorkers?(ctl: number): void;
}

// Fixed layout of the low memory: the control block, the current job's words, a convolution's
// geometry; buffers are laid out above ARENA by alloc.
const CONTROL = 0;
const JOB = 64;
export const INFO = 1024;
const ARENA = 4096;
const PAGE = 65536;
/**
 * Multiply-adds below which a job stays on the calling thread. Measured with test/bench/wasm-gemm.ts
 * on the 2-core CI machine while other jobs shared it (load average 4–7): two threads lost up to
 * 9.4 M multiply-adds per kernel (0.6–0.99×) and won from 21 M (1.09× at 21 M, 1.16× at 38 M).
 */
const PARALLEL_MIN_MACS = 16_000_000;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A shared memory, or null where the host forbids it (no cross-origin isolation). */
function sharedMemory(maximum: number): WebAssembly.Memory | null {
  if (typeof SharedArrayBuffer === 'undefined') return null;
  try {
    return new WebAssembly.Memory({ initial: 1, maximum, shared: true });
  } catch {
    return null;
  }
}

/** The first variant this engine validates, threaded ones only when they can run. */
function pickVariant(
  threaded: boolean,
): { name: VariantName; bytes: Uint8Array<ArrayBuffer> } | null {
  for (const name of Object.keys(WASM_BINARIES) as VariantName[]) {
    if (name.endsWith('-shared') !== threaded) continue;
    const bytes = decodeBase64(WASM_BINARIES[name]);
    if (WebAssembly.validate(bytes)) return { name, bytes };
  }
  return null;
}

export class WasmRuntime {
  /** Bytes of memory laid out by alloc since the last reset. */
  private top = ARENA;
  private f32: Float32Array;
  private i32: Int32Array;
  private readonly parallelMinMacs: number;

  constructor(
    readonly variant: VariantName,
    private readonly memory: WebAssembly.Memory,
    private readonly kernels: KernelExports,
    readonly threads: number,
    options: WasmRuntimeOptions,
  ) {
    this.f32 = new Float32Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
    this.parallelMinMacs = options.parallelMinMacs ?? PARALLEL_MIN_MACS;
  }

  /** Forgets every buffer laid out so far (the memory itself is kept for the next kernel). */
  reset(): void {
    this.top = ARENA;
  }

  /**
   * A 64-byte-aligned buffer of `floats` float32s, growing the memory when needed; its byte
   * address. 64 bytes of slack follow it: a tile at a matrix's edge may read past the last row.
   */
  alloc(floats: number): number {
    const at = this.top;
    this.top = at + Math.ceil((floats * 4) / 64) * 64 + 64;
    const pages = Math.ceil(this.top / PAGE) - this.memory.buffer.byteLength / PAGE;
    if (pages > 0) this.memory.grow(pages); // throws RangeError past the maximum
    if (this.f32.buffer !== this.memory.buffer || this.f32.length * 4 < this.top) {
      this.f32 = new Float32Array(this.memory.buffer);
      this.i32 = new Int32Array(this.memory.buffer);
    }
    return at;
  }

  /** A buffer holding a copy of `values`. */
  copyIn(values: Float32Array): number {
    const at = this.alloc(values.length);
    this.f32.set(values, at / 4);
    return at;
  }

  /** A fresh (unshared) copy of `floats` float32s at byte address `at`. */
  copyOut(at: number, floats: number): Float32Array {
    return this.f32.slice(at / 4, at / 4 + floats);
  }

  /** The live view of `floats` float32s at `at` (valid until the next alloc). */
  view(at: number, floats: number): Float32Array {
    return this.f32.subarray(at / 4, at / 4 + floats);
  }

  /** Writes 32-bit words at byte address `at`. */
  words(at: number, values: readonly number[]): void {
    this.i32.set(values, at / 4);
  }

  /**
   * Runs the job `words` (kind first; words 13 and 14 are the scratch base and the bytes per
   * thread) as `count` tasks. `macs` (its multiply-adds) decides whether waking workers pays.
   */
  run(words: readonly number[], count: number, macs: number): void {
    this.words(JOB, words);
    const k = this.kernels;
    if (this.threads > 1 && count > 1 && macs >= this.parallelMinMacs && k.publish) {
      k.publish(CONTROL, JOB, count);
      k.runTasks?.(CONTROL, 0);
      k.waitDone?.(CONTROL);
    } else {
      k.runAll(JOB, count);
    }
  }

  /** Scratch for every thread: `floats` each after the kernels' 128-byte edge tile. Returns the
   *  two job words [base, bytes per thread]. */
  scratch(floats: number): [number, number] {
    const stride = Math.ceil((128 + floats * 4) / 64) * 64;
    return [this.alloc((stride * this.threads) / 4), stride];
  }

  /** Returns the worker threads from their loops (they then end). */
  stop(): void {
    this.kernels.stopWorkers?.(CONTROL);
  }
}

/**
 * The fastest runtime this engine supports: relaxed SIMD (fused multiply-add) before plain SIMD,
 * threads when asked for, shared memory works and a spawner is given, else one thread. Null when
 * the engine has no WebAssembly SIMD (the JavaScript kernels stay in charge).
 */
export function loadWasmRuntime(options: WasmRuntimeOptions = {}): WasmRuntime | null {
  if (typeof WebAssembly === 'undefined') return null;
  const wanted = Math.max(1, Math.floor(options.threads ?? 1));
  const shared = wanted > 1 && options.spawn ? sharedMemory(SHARED_MAXIMUM_PAGES) : null;
  const picked = (shared && pickVariant(true)) || pickVariant(false);
  if (!picked) return null;
  const threaded = picked.name.endsWith('-shared');
  const memory = threaded && shared ? shared : new WebAssembly.Memory({ initial: 1 });
  const module = new WebAssembly.Module(picked.bytes);
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const threads = threaded ? wanted : 1;
  for (let worker = 1; worker < threads; worker++)
    options.spawn?.({ module, memory, control: CONTROL, worker });
  return new WasmRuntime(
    picked.name,
    memory,
    instance.exports as unknown as KernelExports,
    threads,
    options,
  );
}
