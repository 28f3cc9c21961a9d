// Writes a phantom dataset to disk: PNG images plus the site's CSV and split files. A Node script
// (node:fs, the PNG encoder on node:zlib); the generator itself is the pure core in src/core.
// Run: npx tsx scripts/write-phantom.ts --out DIR [--patients N] [--size S] [--seed K]
//      [--site chexpert|chestxray14] [--bits 8|16]

import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  generatePhantomDataset,
  type PhantomSite,
  phantomLayout,
  renderPhantom,
  renderPhantom16,
} from '../src/core/data/phantom';
import { encodeGrayPng } from './png';

interface Settings {
  out: string;
  patients: number;
  size: number;
  seed: number;
  site: PhantomSite;
  bits: 8 | 16;
}

function readSettings(): Settings {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      patients: { type: 'string', default: '20' },
      size: { type: 'string', default: '256' },
      seed: { type: 'string', default: '1' },
      site: { type: 'string', default: 'chexpert' },
      bits: { type: 'string', default: '8' },
    },
  });
  if (!values.out) throw new Error('--out DIR is required');
  if (values.site !== 'chexpert' && values.site !== 'chestxray14') {
    throw new Error(`--site must be chexpert or chestxray14, not ${values.site}`);
  }
  if (values.bits !== '8' && values.bits !== '16') throw new Error('--bits must be 8 or 16');
  const count = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
    return value;
  };
  return {
    out: values.out,
    patients: count('patients', values.patients),
    size: count('size', values.size),
    seed: count('seed', values.seed),
    site: values.site,
    bits: values.bits === '16' ? 16 : 8,
  };
}

/** Streams records → PNGs and CSV lines; only one image is in memory at a time. */
function writeDataset(settings: Settings): {
  images: number;
  seconds: number;
  renderSeconds: number;
} {
  const layout = phantomLayout(settings.site);
  const handles = new Map<string, number>();
  for (const file of layout.files) {
    const path = join(settings.out, file.path);
    mkdirSync(dirname(path), { recursive: true });
    const handle = openSync(path, 'w');
    if (file.header !== undefined) writeSync(handle, `${file.header}\n`);
    handles.set(file.path, handle);
  }
  const started = performance.now();
  let renderMs = 0;
  let images = 0;
  const records = generatePhantomDataset({
    seed: settings.seed,
    patients: settings.patients,
    size: settings.size,
    site: settings.site,
  });
  for (const record of records) {
    const renderStarted = performance.now();
    const image = settings.bits === 16 ? renderPhantom16(record) : renderPhantom(record);
    renderMs += performance.now() - renderStarted;
    const path = join(settings.out, record.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, encodeGrayPng(image));
    for (const { path: file, line } of layout.linesFor(record))
      writeSync(handles.get(file) as number, `${line}\n`);
    images++;
  }
  for (const handle of handles.values()) closeSync(handle);
  return { images, seconds: (performance.now() - started) / 1000, renderSeconds: renderMs / 1000 };
}

const settings = readSettings();
const { images, seconds, renderSeconds } = writeDataset(settings);
console.log(
  `${images} ${settings.site} images (${settings.size} px, ${settings.bits}-bit) in ${settings.out}: ` +
    `${seconds.toFixed(1)} s, rendering ${(images / renderSeconds).toFixed(1)} images/s`,
);
