// Loads the DICOM codecs in the browser (the ingest worker): the three WebAssembly modules are
// fetched on the first codec-compressed DICOM frame only, so a PNG/JPEG drop never downloads them. Vite
// serves each .wasm by URL; the Emscripten glue is told where with locateFile.
import type { Codecs, FrameDecoder } from '../core/dicom/codecs';
import type { CodecName } from '../core/dicom/transfer-syntax';
import { codecsFrom } from './dicom-codecs';

async function instantiate<M>(
  glue: Promise<{ default: EmscriptenFactory<M> }>,
  wasm: Promise<{ default: string }>,
): Promise<M> {
  const [{ default: factory }, { default: url }] = await Promise.all([glue, wasm]);
  return factory({ locateFile: () => url });
}

async function load(): Promise<Codecs> {
  const [jpeg, jpegLs, jpeg2000] = await Promise.all([
    instantiate(
      import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'),
      import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm?url'),
    ),
    instantiate(
      import('@cornerstonejs/codec-charls/decodewasmjs'),
      import('@cornerstonejs/codec-charls/decodewasm?url'),
    ),
    instantiate(
      import('@cornerstonejs/codec-openjpeg/decodewasmjs'),
      import('@cornerstonejs/codec-openjpeg/decodewasm?url'),
    ),
  ]);
  return codecsFrom({ jpeg, jpegLs, jpeg2000 });
}

let loading: Promise<Codecs> | undefined;

/** The codecs, loaded once per worker; a failed load is retried on the next call. */
function loadDicomCodecs(): Promise<Codecs> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

const lazy =
  (name: CodecName): FrameDecoder =>
  async (encoded, info) => {
    const decode = (await loadDicomCodecs())[name];
    if (!decode) throw new Error(`no ${name} decoder`);
    return decode(encoded, info);
  };

/** Decoders that load the WebAssembly modules on their first frame: uncompressed and RLE files
 *  never fetch them. */
export const BROWSER_CODECS: Codecs = {
  'jpeg-baseline': lazy('jpeg-baseline'),
  'jpeg-lossless': lazy('jpeg-lossless'),
  'jpeg-ls': lazy('jpeg-ls'),
  'jpeg-2000': lazy('jpeg-2000'),
};
