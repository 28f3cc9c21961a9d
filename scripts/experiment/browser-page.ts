// The Chromium side of `npm run experiment -- --browser`: fetches the data blob from the Node
// driver, starts the requested backend and runs the same runExperiment as the Node path. Browser
// page code: tfjs, its WebGPU backend, the core and the platform's adapter description.
import '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs';
import { type BackendName, selectBackend } from '../../src/core/backend/select';
import type { ExperimentConfig } from '../../src/core/experiment/config';
import {
  planExperiment,
  runExperiment,
  type StageRunReport,
} from '../../src/core/experiment/experiment';
import { type Shard, shardRuns } from '../../src/core/experiment/shard';
import { describeWebGlRenderer, describeWebGpuAdapter } from '../../src/platform/adapter-info';
import { decodeExperimentBlob } from './browser-blob';

export interface PageRequest {
  config: ExperimentConfig;
  /** Tried in order; the CLI passes ['webgpu'] unless --backend says otherwise. */
  backends: BackendName[];
  /** Where the driver serves the blob of browser-blob.ts. */
  blobUrl: string;
  /** --shard: run only this slice of the plan. */
  shard?: Shard;
}

export interface PageResult {
  backend: BackendName;
  reports: StageRunReport[];
}

/** Starts the first backend that works; says why WebGPU is missing and what to pass instead. */
async function startBackend(backends: BackendName[]): Promise<BackendName> {
  try {
    return await selectBackend(backends);
  } catch (error) {
    const gpu = 'gpu' in navigator ? 'present' : 'absent';
    const adapter = 'gpu' in navigator ? await navigator.gpu.requestAdapter() : null;
    throw new Error(
      `${error instanceof Error ? error.message : String(error)} in Chromium (navigator.gpu ${gpu}, ` +
        `adapter ${adapter ? 'found' : 'none'}). Without a GPU add --swiftshader, or run on ` +
        'another backend with --backend webgl or --backend cpu.',
    );
  }
}

/** Which device did the work: SwiftShader (CPU) and a real GPU differ a thousandfold in speed. */
function describeDevice(backend: BackendName): string {
  if (backend === 'webgpu') return describeWebGpuAdapter(tf.backend());
  return backend === 'webgl' ? describeWebGlRenderer() : 'CPU';
}

async function run(request: PageRequest): Promise<PageResult> {
  const backend = await startBackend(request.backends);
  const response = await fetch(request.blobUrl);
  if (!response.ok) throw new Error(`data blob: HTTP ${response.status}`);
  const blob = decodeExperimentBlob(await response.arrayBuffer());
  const log = (line: string) => window.experimentLog?.(line);
  log(`Chromium: ${backend} (${describeDevice(backend)}), ${blob.images.size} images received`);
  const reports = await runExperiment(
    request.config,
    { name: blob.name, index: blob.index, imageOf: (path) => blob.images.get(path) },
    { backend, log, ...(blob.pretrained ? { pretrainedFile: blob.pretrained } : {}) },
    shardRuns(planExperiment(request.config), request.shard ?? { index: 0, count: 1 }),
  );
  return { backend, reports };
}

const experimentPage = { run };
export type ExperimentPage = typeof experimentPage;

declare global {
  interface Window {
    experimentPage: ExperimentPage;
    /** Exposed by the Node driver (page.exposeFunction): streams log lines to the terminal. */
    experimentLog?: (line: string) => void;
  }
}

Object.assign(window, { experimentPage });
(document.getElementById('status') as HTMLElement).textContent = 'ready';
