// Benchmark: the checksum of a cache shard (64 images × 256 × 256, 8-bit: 4 MiB) and of a ResNet18
// stage checkpoint (weights, momentum and best weights in float32: 140 MB), SHA-256 through
// WebCrypto against our xxHash32 (and a byte-wise FNV-1a for scale), in Node and in headless
// Chromium. Prints median milliseconds and MB/s; asserts nothing.
// Run: npx tsx test/bench/checksum.ts [--node]
import { webcrypto } from 'node:crypto';
import { launchChromium } from '../../scripts/lib/chromium';
import { serveDev } from '../../scripts/lib/server';
import { xxHash32 } from '../../src/core/util/xxhash32';

const SIZES = {
  shard: 64 * 256 * 256,
  checkpoint: 3 * 11_689_512 * 4, // resnet18's parameters × 3 sections × 4 bytes
};
const REPEATS = 5;

type Timings = Record<string, Record<string, number>>;

function filled(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let seed = 1;
  for (let i = 0; i < length; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    bytes[i] = seed >>> 24;
  }
  return bytes;
}

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

async function median(work: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[REPEATS >> 1] as number;
}

async function nodeTimings(): Promise<Timings> {
  const out: Timings = {};
  for (const [name, length] of Object.entries(SIZES)) {
    const bytes = filled(length);
    out[name] = {
      'SHA-256 (WebCrypto)': await median(() => webcrypto.subtle.digest('SHA-256', bytes)),
      xxHash32: await median(() => xxHash32(bytes)),
      'FNV-1a (byte-wise)': await median(() => fnv1a(bytes)),
    };
  }
  return out;
}

/** Run in the page as source text (tsx's helpers do not exist there): the hash module through
 *  Vite, SHA-256 through the page's WebCrypto, on random bytes of each size. */
const BROWSER_TIMINGS = `(async () => {
  const { xxHash32 } = await import('/src/core/util/xxhash32.ts');
  const sizes = ${JSON.stringify(SIZES)};
  const time = async (work) => {
    const times = [];
    for (let r = 0; r < ${REPEATS}; r++) {
      const started = performance.now();
      await work();
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[${REPEATS >> 1}];
  };
  const out = {};
  for (const [name, length] of Object.entries(sizes)) {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
    out[name] = {
      'SHA-256 (WebCrypto)': await time(() => crypto.subtle.digest('SHA-256', bytes)),
      xxHash32: await time(() => xxHash32(bytes)),
    };
  }
  return out;
})()`;

/** The same in Chromium. */
async function chromiumTimings(): Promise<Timings> {
  const server = await serveDev();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}test/browser/harness.html`);
    return (await page.evaluate(BROWSER_TIMINGS)) as Timings;
  } finally {
    await browser.close();
    await server.close();
  }
}

function print(where: string, timings: Timings): void {
  for (const [name, rows] of Object.entries(timings)) {
    const mb = (SIZES[name as keyof typeof SIZES] ?? 0) / 1e6;
    for (const [hash, ms] of Object.entries(rows)) {
      const rate = (mb / (ms / 1000)).toFixed(0);
      console.log(
        `${where.padEnd(8)} ${name.padEnd(10)} ${mb.toFixed(1).padStart(6)} MB  ${hash.padEnd(20)} ${ms.toFixed(1).padStart(7)} ms  ${rate.padStart(5)} MB/s`,
      );
    }
  }
}

print('Node', await nodeTimings());
if (!process.argv.includes('--node')) print('Chromium', await chromiumTimings());
