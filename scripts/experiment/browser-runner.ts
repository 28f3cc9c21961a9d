// `npm run experiment -- config.json --browser`: hands the data loaded in Node to headless Chromium
// (WebGPU by default), runs the experiment there and returns its reports to the Node CLI.
// Node-only: node:http, Vite's dev server and playwright-core through scripts/lib/ (shared with the
// browser tests).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import type { BackendName } from '../../src/core/backend/select';
import type { GrayPixels } from '../../src/core/data/memory-feed';
import type { ExperimentConfig } from '../../src/core/experiment/config';
import type { ExperimentData, StageRunReport } from '../../src/core/experiment/experiment';
import type { Shard } from '../../src/core/experiment/shard';
import { CHROMIUM_FLAGS, chromiumPath } from '../lib/chromium';
import { type Served, serveDev } from '../lib/server';
import { type BlobContents, encodeExperimentBlob } from './browser-blob';
import type { PageRequest, PageResult } from './browser-page';

export interface BrowserRunOptions {
  /** Backends tried in order inside Chromium. */
  backends: BackendName[];
  /** WebGPU on SwiftShader (CPU) instead of the machine's GPU: for machines without one. */
  swiftshader: boolean;
  pretrainedFile?: { bytes: Uint8Array; fileName: string };
  log: (line: string) => void;
  /** --shard: the page runs only this slice of the plan. */
  shard: Shard;
}

/** Chromium's flags: the browser tests' set, with the SwiftShader adapter only when asked for. */
function chromiumFlags(swiftshader: boolean): string[] {
  const flags = CHROMIUM_FLAGS.filter((f) => !f.startsWith('--use-webgpu-adapter'));
  return swiftshader ? [...flags, '--use-webgpu-adapter=swiftshader'] : flags;
}

/** Every image the index names, once (the page cannot call back into Node's imageOf). */
function blobContents(data: ExperimentData, options: BrowserRunOptions): BlobContents {
  const images = new Map<string, GrayPixels>();
  for (const { path } of data.index.items) {
    const image = images.has(path) ? undefined : data.imageOf(path);
    if (image) images.set(path, image);
  }
  const file = options.pretrainedFile;
  return { name: data.name, index: data.index, images, ...(file ? { pretrained: file } : {}) };
}

/** Serves the blob on 127.0.0.1 (any port) to the page, chunk by chunk, CORS open. */
async function serveBlob(contents: BlobContents): Promise<{ url: string; server: Server }> {
  const { chunks, length } = encodeExperimentBlob(contents);
  const server = createServer((_, response) => {
    response.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': length,
      'Access-Control-Allow-Origin': '*',
    });
    for (const chunk of chunks) response.write(chunk);
    response.end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/experiment.bin`, server };
}

export async function runInBrowser(
  config: ExperimentConfig,
  data: ExperimentData,
  options: BrowserRunOptions,
): Promise<StageRunReport[]> {
  const blob = await serveBlob(blobContents(data, options));
  let dev: Served | undefined;
  let browser: Browser | undefined;
  try {
    dev = await serveDev();
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: chromiumFlags(options.swiftshader),
    });
    const request: PageRequest = {
      config,
      backends: options.backends,
      blobUrl: blob.url,
      shard: options.shard,
    };
    const result = await runOnPage(browser, dev.url, request, options.log);
    options.log(`Chromium ran the experiment on ${result.backend}`);
    return result.reports;
  } finally {
    await browser?.close();
    await dev?.close();
    blob.server.close();
  }
}

async function runOnPage(
  browser: Browser,
  devUrl: string,
  request: PageRequest,
  log: (line: string) => void,
): Promise<PageResult> {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') console.error(`[chromium] ${m.text()}`);
  });
  page.on('pageerror', (error) => console.error(`[chromium] ${error.message}`));
  await page.exposeFunction('experimentLog', log);
  await page.goto(`${devUrl}scripts/experiment/browser-page.html`);
  // The first visit makes Vite pre-bundle tfjs, which can take minutes on a small machine.
  await page.waitForFunction(
    () => document.getElementById('status')?.textContent === 'ready',
    null,
    {
      timeout: 300_000,
    },
  );
  return page.evaluate((r) => window.experimentPage.run(r), request);
}
