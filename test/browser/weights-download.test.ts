// Weights download in real Chromium: streamed progress, sha256 and size checks, Cache Storage (the
// second call makes no request), corrupt files refused and not cached, cancel; then the file's
// import on WebGPU, and the parse + upload time of a 47 MB ResNet18-sized file (printed).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as tf from '@tensorflow/tfjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium';
import { type Served, serveDev } from '../../scripts/lib/server';
import { createBackbone } from '../../src/core/model/backbones';
import { disposeStateDict, type StateDict } from '../../src/core/model/state-dict';
import { writeSafetensors } from '../../src/core/weights/safetensors';
import { sharedFile } from '../helpers/shared';

const WEIGHTS = sharedFile('data/imagenet-squeezenet1_1/squeezenet1_1_imagenet.safetensors');
const requests = new Map<string, number>();
let files: Map<string, Uint8Array>;
let http: Server;
let base: string;
let server: Served;
let browser: Browser;
let page: Page;

/** torchvision ResNet18 shapes (head included) with LCG values: a 46.8 MB file like timm's. */
async function resnet18File(): Promise<Uint8Array> {
  await tf.setBackend('cpu');
  const backbone = createBackbone('resnet18');
  const sd: StateDict = backbone.stateDict();
  backbone.dispose();
  sd['fc.weight'] = tf.randomUniform([1000, 512], -0.05, 0.05, 'float32', 1);
  sd['fc.bias'] = tf.zeros([1000]);
  const bytes = writeSafetensors(sd, { format: 'pt' });
  disposeStateDict(sd);
  return bytes;
}

/** Serves the files with CORS; /slow/* trickles 64 KB every 50 ms (for cancelling). */
function startHttp(): Promise<void> {
  http = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.set(path, (requests.get(path) ?? 0) + 1);
    const body = files.get(path.replace(/^\/slow/, ''));
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (!body) return void res.writeHead(404).end('not found');
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': body.length,
    });
    if (!path.startsWith('/slow/')) return void res.end(body);
    let at = 0;
    const timer = setInterval(() => {
      if (res.destroyed || at >= body.length) {
        clearInterval(timer);
        return void res.end();
      }
      res.write(body.subarray(at, at + 65536));
      at += 65536;
    }, 50);
  });
  return new Promise((done) => http.listen(0, '127.0.0.1', () => done()));
}

beforeAll(async () => {
  if (!WEIGHTS) return;
  const good = new Uint8Array(readFileSync(WEIGHTS));
  const corrupt = good.slice();
  corrupt[good.length - 100] = (corrupt[good.length - 100] ?? 0) ^ 0x40; // one bit in the data
  files = new Map([
    ['/squeezenet.safetensors', good],
    ['/corrupt.safetensors', corrupt],
    ['/truncated.safetensors', good.subarray(0, good.length - 8)],
    ['/resnet18.safetensors', await resnet18File()],
  ]);
  await startHttp();
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  server = await serveDev();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && console.error(`[chromium] ${m.text()}`));
  await page.goto(`${server.url}test/browser/weights-download.html`);
  await page.waitForFunction(
    () => document.getElementById('status')?.textContent === 'ready',
    null,
    {
      timeout: 240_000,
    },
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((done) => (http ? http.close(done) : done(undefined)));
});

const SHA = '3c8538495eba107237d79d16df902ea1d6372bf7eed220ed061ff62e399f717d';
const SIZE = 4_947_320;

describe.skipIf(!WEIGHTS)('downloadWeights in Chromium', () => {
  it('streams with progress, verifies, caches: the second call makes no request', async () => {
    const request = {
      url: `${base}/squeezenet.safetensors`,
      sha256: SHA,
      byteLength: SIZE,
      cacheName: 'first',
    };
    const first = await page.evaluate((r) => window.weightsHarness.download(r), request);
    expect(first).toMatchObject({ ok: true, fromCache: false, sha256: SHA, length: SIZE });
    const bytes = first.events.map((e) => e.bytes);
    expect(bytes.length).toBeGreaterThan(1);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(first.events.at(-1)).toMatchObject({ bytes: SIZE, total: SIZE });
    expect(first.events.every((e) => e.rate > 0)).toBe(true);
    const second = await page.evaluate((r) => window.weightsHarness.download(r), request);
    expect(second).toMatchObject({ ok: true, fromCache: true, sha256: SHA, events: [] });
    expect(requests.get('/squeezenet.safetensors')).toBe(1);
  });

  it("accepts torchvision's 8-digit sha256 prefix", async () => {
    const request = {
      url: `${base}/squeezenet.safetensors`,
      sha256: SHA.slice(0, 8),
      cacheName: 'prefix',
    };
    const result = await page.evaluate((r) => window.weightsHarness.download(r), request);
    expect(result).toMatchObject({ ok: true, fromCache: false, sha256: SHA });
  });

  it('refuses a corrupted or truncated file and does not cache it', async () => {
    for (const name of ['corrupt', 'truncated']) {
      const request = {
        url: `${base}/${name}.safetensors`,
        sha256: SHA,
        byteLength: SIZE,
        cacheName: 'bad',
      };
      for (const attempt of [1, 2]) {
        const result = await page.evaluate((r) => window.weightsHarness.download(r), request);
        expect(result.ok).toBe(false);
        expect(result.error).toMatch(
          name === 'corrupt'
            ? /^DownloadCheckError: .*corrupt\.safetensors: sha256 is [0-9a-f]{64}, expected 3c853849/
            : /^DownloadCheckError: .*truncated\.safetensors: received 4947312 bytes, expected 4947320/,
        );
        expect(requests.get(`/${name}.safetensors`)).toBe(attempt); // not served from cache
      }
    }
  });

  it('cancels through the AbortSignal, caching nothing', async () => {
    const request = {
      url: `${base}/slow/squeezenet.safetensors`,
      sha256: SHA,
      cacheName: 'cancel',
    };
    const result = await page.evaluate((r) => window.weightsHarness.downloadAndCancel(r), request);
    expect(result).toMatchObject({ aborted: true, seen: 1 });
    const again = await page.evaluate((r) => window.weightsHarness.downloadAndCancel(r), request);
    expect(again.aborted).toBe(true); // a cached copy would have resolved without progress
    expect(requests.get('/slow/squeezenet.safetensors')).toBe(2);
  });

  it('feeds the ImageNet import on WebGPU (cached file, no new request)', async () => {
    const request = { url: `${base}/squeezenet.safetensors`, sha256: SHA, cacheName: 'first' };
    const served = requests.get('/squeezenet.safetensors');
    const result = await page.evaluate((r) => window.weightsHarness.importSqueezeNet(r), request);
    expect(result).toMatchObject({ backend: 'webgpu', loaded: 50, leaked: 0 });
    expect(result.ignored.sort()).toEqual(['classifier.1.bias', 'classifier.1.weight']);
    expect(Number.isFinite(result.sum)).toBe(true);
    expect(requests.get('/squeezenet.safetensors')).toBe(served);
  });

  it('measures parse + upload of a 47 MB ResNet18 file on WebGPU (printed, not asserted)', async () => {
    const result = await page.evaluate(
      (u) => window.weightsHarness.benchParseUpload(u),
      `${base}/resnet18.safetensors`,
    );
    console.log(
      `Chromium ${result.backend} (SwiftShader): ResNet18 safetensors ${result.megabytes.toFixed(1)} MB: ` +
        `parse ${result.parseMs.toFixed(1)} ms, parse + upload (every tensor used on the GPU) ` +
        `${result.parseUploadMs.toFixed(0)} ms (median of 3); loadImageNetBackbone + GPU read ` +
        `${result.loadIntoBackboneMs.toFixed(0)} ms`,
    );
    expect(result.backend).toBe('webgpu');
  });
});

// The digest the test expects is the real file's (README of ../shared), not a copy of our code's.
it.skipIf(!WEIGHTS)('the shared SqueezeNet file has the documented sha256', () => {
  expect(
    createHash('sha256')
      .update(readFileSync(WEIGHTS as string))
      .digest('hex'),
  ).toBe(SHA);
});
