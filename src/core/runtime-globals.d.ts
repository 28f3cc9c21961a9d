// The few globals the core uses that every place it runs has (browsers, workers, Node), declared
// for the core-only type check (tsconfig.core.json), which leaves out the DOM and Node libraries
// so that any other DOM or Node use in the core fails to compile. Shapes as far as used.

declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function btoa(data: string): string;
declare function atob(data: string): string;

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}

/** The part of the WebAssembly JS API the CPU kernels use (src/core/backend/wasm-runtime.ts). */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean });
    readonly buffer: ArrayBuffer;
    grow(delta: number): number;
  }
  function validate(bytes: Uint8Array): boolean;
}

/** Streams as far as the DICOM reader's inflate uses them (src/core/dicom/inflate.ts). */
interface ReadableStreamDefaultReader<R> {
  read(): Promise<{ done: true; value?: undefined } | { done: false; value: R }>;
}
interface ReadableStream<R> {
  getReader(): ReadableStreamDefaultReader<R>;
}
interface WritableStreamDefaultWriter<W> {
  write(chunk: W): Promise<void>;
  close(): Promise<void>;
}
interface WritableStream<W> {
  getWriter(): WritableStreamDefaultWriter<W>;
}
declare class DecompressionStream {
  constructor(format: 'deflate' | 'deflate-raw' | 'gzip');
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
}
