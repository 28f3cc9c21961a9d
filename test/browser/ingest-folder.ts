// Builds the folder the ingestion browser test drops: phantom PNGs (8- and 16-bit, their pixels
// kept as the reference), real Kermany JPEGs (PIL's decode as the reference), broken and litter
// files. Node only (fs, Debian's Python for PIL).
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeGrayPng } from '../../scripts/png';
import {
  generatePhantomDataset,
  renderPhantom,
  renderPhantom16,
} from '../../src/core/data/phantom';
import { sharedFile } from '../helpers/shared';

/** The cache short side: 224 → 56 is an exact 4× shrink, so a 4×4 box mean is a fair reference. */
export const SHORT_SIDE = 56;

export interface DropFolder {
  root: string;
  /** Cache-order relative paths (folder name first) → expected 16-bit cache pixels. */
  exact: Map<string, number[]>;
  /** Kermany JPEG path → PIL's 4×4 box mean of its decode (8-bit scale), [56·56]. */
  reduced: Map<string, number[]>;
  /** Files that must be skipped, with a pattern their reason matches. */
  broken: Map<string, RegExp>;
  imageCount: number;
}

function phantoms(dir: string, exact: Map<string, number[]>): number {
  const records = [
    ...generatePhantomDataset({ seed: 7, patients: 14, site: 'chexpert', size: 56 }),
  ];
  records.slice(0, 24).forEach((record, i) => {
    const sixteen = i % 6 === 0;
    const size = { width: SHORT_SIDE, height: 70 }; // portrait, short side already 56: no resize
    const image = sixteen ? renderPhantom16(record, size) : renderPhantom(record, size);
    const name = `phantom/p${String(i).padStart(2, '0')}.png`;
    writeFileSync(join(dir, name), encodeGrayPng(image));
    exact.set(
      `drop/${name}`,
      Array.from(image.pixels, (v) => (sixteen ? v : v * 257)),
    );
  });
  return 24;
}

/** PIL decode (convert('L')) → 4×4 box mean, per file, as JSON. */
const PIL_SCRIPT = `
import json, sys
import numpy as np
from PIL import Image
out = {}
for path in sys.argv[1:]:
    a = np.asarray(Image.open(path).convert('L'), dtype=np.float64)
    h, w = a.shape
    out[path] = a.reshape(h // 4, 4, w // 4, 4).mean(axis=(1, 3)).reshape(-1).tolist()
print(json.dumps(out))
`;

function kermany(dir: string, reduced: Map<string, number[]>): number {
  const source = sharedFile('data/kermany-sample/NORMAL');
  if (!source || !existsSync('/usr/bin/python3')) return 0;
  const names = readdirSync(source)
    .filter((n) => n.endsWith('.jpeg'))
    .sort()
    .slice(0, 12);
  const paths = names.map((n) => join(source, n));
  const result = spawnSync('/usr/bin/python3', ['-c', PIL_SCRIPT, ...paths], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0) throw new Error(`PIL reference failed: ${result.stderr}`);
  const values = JSON.parse(result.stdout) as Record<string, number[]>;
  names.forEach((name, i) => {
    copyFileSync(paths[i] as string, join(dir, 'kermany', name));
    reduced.set(`drop/kermany/${name}`, values[paths[i] as string] ?? []);
  });
  return names.length;
}

function brokenFiles(dir: string, broken: Map<string, RegExp>): number {
  const jpegGarbage = Uint8Array.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    ...new Array(300).fill(7),
    0xff,
    0xd9,
  ]);
  writeFileSync(join(dir, 'bad/corrupt.jpg'), jpegGarbage);
  broken.set('drop/bad/corrupt.jpg', /cannot decode/);
  const png = encodeGrayPng({ width: 40, height: 40, pixels: new Uint8Array(1600).fill(9) });
  writeFileSync(join(dir, 'bad/truncated.png'), png.subarray(0, png.length - 30));
  broken.set('drop/bad/truncated.png', /truncated PNG/);
  writeFileSync(join(dir, 'bad/notes.png'), 'meeting notes, not an image\n');
  broken.set('drop/bad/notes.png', /not a JPEG, PNG or DICOM/);
  writeFileSync(join(dir, 'bad/readme.txt'), 'ignored: not an image name\n');
  writeFileSync(join(dir, '.DS_Store'), 'litter');
  writeFileSync(join(dir, 'phantom/Thumbs.db'), 'litter');
  return 3;
}

export function buildDropFolder(): DropFolder {
  const root = join(mkdtempSync(join(tmpdir(), 'chromaxr-ingest-')), 'drop');
  for (const sub of ['phantom', 'kermany', 'bad']) mkdirSync(join(root, sub), { recursive: true });
  const exact = new Map<string, number[]>();
  const reduced = new Map<string, number[]>();
  const broken = new Map<string, RegExp>();
  const imageCount = phantoms(root, exact) + kermany(root, reduced) + brokenFiles(root, broken);
  return { root, exact, reduced, broken, imageCount };
}
