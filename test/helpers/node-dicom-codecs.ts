// The DICOM codecs in Node: the same WebAssembly modules the ingest worker loads, instantiated
// through require (their Emscripten glue finds the .wasm beside itself), wrapped as the studio does.
import { createRequire } from 'node:module';
import type { Codecs } from '../../src/core/dicom/codecs';
import { type CodecModules, codecsFrom } from '../../src/platform/dicom-codecs';

const require = createRequire(import.meta.url);

type Factory<M> = () => Promise<M>;

export async function loadNodeCodecs(): Promise<Codecs> {
  const load = <M>(name: string) => (require(name) as Factory<M>)();
  const modules: CodecModules = {
    jpeg: await load('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'),
    jpegLs: await load('@cornerstonejs/codec-charls/decodewasmjs'),
    jpeg2000: await load('@cornerstonejs/codec-openjpeg/decodewasmjs'),
  };
  return codecsFrom(modules);
}
