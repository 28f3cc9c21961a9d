// Ingestion rate of 2,000 × 2,000 JPEG-baseline DICOMs in headless Chromium: pydicom writes a
// few 8-bit MONOCHROME2 files, dcmcjpeg (dcmtk) compresses them, and the worker decodes them with
// libjpeg-turbo's WebAssembly build into a 258 px cache. Prints numbers; needs Debian's
// python3-pydicom, python3-numpy and dcmtk. Run: npx tsx test/bench/dicom-ingest-browser.ts [count]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/lib/chromium';
import { serveDev } from '../../scripts/lib/server';
import type { CacheSettings } from '../../src/platform/image-cache';

const SIZE = 2000;
const DISTINCT = 4;

/** Writes DISTINCT smooth phantom-like 8-bit images as DICOM, then JPEG-baseline copies. */
const WRITE_SCRIPT = `
import subprocess, sys
import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
out, size, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
y, x = np.mgrid[0:size, 0:size] / size
for i in range(count):
    rng = np.random.default_rng(i)
    image = 60 + 120 * np.exp(-((x - 0.5) ** 2 + (y - 0.45) ** 2) / (0.08 + 0.02 * i))
    image += 30 * np.sin(12 * x + i) * np.cos(9 * y) + rng.normal(0, 4, x.shape)
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.1.1"
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.Rows = ds.Columns = size
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated = ds.BitsStored = 8
    ds.HighBit, ds.PixelRepresentation = 7, 0
    ds.PixelData = np.clip(image, 0, 255).astype(np.uint8).tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    raw = f"{out}/raw{i}.dcm"
    ds.save_as(raw, write_like_original=False)
    subprocess.run(["dcmcjpeg", "+eb", raw, f"{out}/jpeg{i}.dcm"], check=True)
`;

function writeSources(dir: string): string[] {
  if (!existsSync('/usr/bin/python3') || !existsSync('/usr/bin/dcmcjpeg')) {
    throw new Error('needs /usr/bin/python3 (python3-pydicom, python3-numpy) and dcmtk');
  }
  const result = spawnSync(
    '/usr/bin/python3',
    ['-c', WRITE_SCRIPT, dir, `${SIZE}`, `${DISTINCT}`],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`writing the DICOMs failed: ${result.stderr}`);
  return readdirSync(dir)
    .filter((n) => n.startsWith('jpeg'))
    .map((n) => join(dir, n));
}

async function main() {
  const count = Number(process.argv[2] ?? 20);
  const base = mkdtempSync(join(tmpdir(), 'chromaxr-dicom-bench-'));
  const sources = writeSources(base);
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
