// Exposes the weights download, ImageNet import and parse/upload timing to
// test/browser/weights-download.test.ts as window.weightsHarness (plain values out).
import '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../src/core/backend/select';
import { createBackbone } from '../../../src/core/model/backbones';
import { disposeStateDict } from '../../../src/core/model/state-dict';
import { loadImageNetBackbone } from '../../../src/core/weights/imagenet';
import { readSafetensors } from '../../../src/core/weights/safetensors';
import { type DownloadRequest, downloadWeights } from '../../../src/platform/download-weights';

type Plain = Omit<DownloadRequest, 'onProgress' | 'signal'>;

/** Downloads; reports the outcome, the progress events' shape, or the error's name and message. */
async function download(request: Plain) {
  const events: { bytes: number; total: number | null; rate: number }[] = [];
  try {
    const result = await downloadWeights({
      ...request,
      onProgress: (p) => events.push({ bytes: p.bytes, total: p.total, rate: p.bytesPerSecond }),
    });
    return {
      ok: true,
      fromCache: result.fromCache,
      sha256: result.sha256,
      length: result.bytes.length,
      events,
    };
  } catch (error) {
    return { ok: false, error: `${(error as Error).name}: ${(error as Error).message}`, events };
  }
}

/** Starts a download and cancels it at its first progress event. */
async function downloadAndCancel(request: Plain) {
  const controller = new AbortController();
  let seen = 0;
  try {
    await downloadWeights({
      ...request,
      signal: controller.signal,
      onProgress: () => {
        seen++;
        controller.abort();
      },
    });
    return { aborted: false, seen };
  } catch (error) {
    return { aborted: (error as Error).name === 'AbortError', seen, error: String(error) };
  }
}

/** Download → ImageNet import into SqueezeNet 1.1 on WebGPU; tensors flat afterwards. */
async function importSqueezeNet(request: Plain) {
  const backend = await selectBackend(['webgpu']);
  const { bytes } = await downloadWeights(request);
  const before = tf.memory().numTensors;
  const backbone = createBackbone('squeezenet1_1');
  const summary = loadImageNetBackbone(backbone, bytes, 'squeezenet1_1_imagenet.safetensors');
  const features = tf.tidy(() => backbone.features(tf.ones([1, 64, 64, 3]), false));
  const sum = Array.from(await features.data()).reduce((a, b) => a + b, 0);
  features.dispose();
  backbone.dispose();
  return {
    backend,
    loaded: summary.loaded.length,
    ignored: summary.ignored,
    sum,
    leaked: tf.memory().numTensors - before,
  };
}

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Times parse (readSafetensors) and parse + upload (every tensor used once on the GPU). */
async function benchParseUpload(url: string, runs = 3) {
  const backend = await selectBackend(['webgpu']);
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const parse: number[] = [];
  const upload: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const { tensors } = readSafetensors(bytes, { fileName: 'resnet18.safetensors' });
    parse.push(performance.now() - start);
    const total = tf.tidy(() => tf.addN(Object.values(tensors).map((t) => t.sum())));
    await total.data(); // forces every upload and the reduction on the GPU
    upload.push(performance.now() - start);
    total.dispose();
    disposeStateDict(tensors);
  }
  const backbone = createBackbone('resnet18');
  const start = performance.now();
  loadImageNetBackbone(backbone, bytes, 'resnet18.safetensors');
  // Sums every variable on the GPU: the assigned values are really there when this resolves.
  const check = tf.tidy(() => tf.addN(backbone.trainableVariables().map((v) => v.sum())));
  await check.data();
  const loadMs = performance.now() - start;
  check.dispose();
  backbone.dispose();
  return {
    backend,
    megabytes: bytes.length / 1e6,
    parseMs: median(parse),
    parseUploadMs: median(upload),
    loadIntoBackboneMs: loadMs,
  };
}

const weightsHarness = { download, downloadAndCancel, importSqueezeNet, benchParseUpload };
Object.assign(window, { weightsHarness });
(document.getElementById('status') as HTMLElement).textContent = 'ready';

export type WeightsHarness = typeof weightsHarness;
declare global {
  interface Window {
    weightsHarness: WeightsHarness;
  }
}
