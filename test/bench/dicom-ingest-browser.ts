// Ingestion rate of 2,000 × 2,000 JPEG-baseline DICOMs in headless Chromium: a few 8-bit
// MONOCHROME2 files (dicom-sources.ts), which the worker decodes with libjpeg-turbo's
// WebAssembly build into a 258 px cache. Prints numbers; needs Debian's
// python3-pydicom, python3-numpy and dcmtk. Run: npx tsx test/bench/dicom-ingest-browser.ts [count]
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/lib/chromium';
import { serveDev } from '../../scripts/lib/server';
import type { CacheSettings } from '../../src/platform/image-cache';
import { writeDicomSources } from './dicom-sources';

const SIZE = 2000;
const DISTINCT = 4;

async function main() {
  const count = Number(process.argv[2] ?? 20);
  const base = mkdtempSync(join(tmpdir(), 'chromaxr-dicom-bench-'));
  const sources = writeDicomSources(base, { size: SIZE, count: DISTINCT, bits: 8, process: '+eb' });
  const drop = join(base, 'drop', 'xr');
  mkdirSync(drop, { recursive: true });
  for (let i = 0; i < count; i++) {
    copyFileSync(
      sources[i % sources.length] as string,
      join(drop, `img${String(i).padStart(4, '0')}.dcm`),
    );
  }
  const server = await serveDev();
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${server.url}test/browser/ingest.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  await page.setInputFiles('#folder', join(base, 'drop'));
  const files = await page.evaluate(() => window.ingestHarness.takeInput().length);
  const settings: CacheSettings = { shortSide: 258, bitDepth: 8, shardImages: 64 };
  const run = await page.evaluate((s) => window.ingestHarness.ingest(s), settings);
  const seconds = run.wallMs / 1000;
  console.log(
    `${SIZE}×${SIZE} JPEG-baseline DICOMs → cache 258 px: ${files} files in ${seconds.toFixed(1)} s = ${(files / seconds).toFixed(2)} images/s (${run.summary.cached} cached, ${run.summary.skipped} skipped; includes loading the codec once)`,
  );
  await browser.close();
  await server.close();
}

await main();
