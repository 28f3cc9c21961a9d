// A class-folder drop of DICOM files named without an extension (IM0001, a PACS export's UIDs)
// through detection, ingestion and indexing in Node (fake-indexeddb; the real decoders): they are
// found by their "DICM" marker, a file that is neither image nor DICOM is skipped with the reason,
// and the accounting adds up.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { FIXTURES } from '../../test/helpers/fixtures';
import { detectDatasetFormat } from '../core/data/detect';
import { cachedPaths, imageFiles } from './image-cache';
import { indexLabels } from './index-labels';
import { ingest } from './ingest-loop';

const dicom = (name: string) => readFileSync(resolve(FIXTURES, 'dicom', name));
const file = (path: string, bytes: Uint8Array | string) =>
  ({ path, file: new File([bytes as BlobPart], path.split('/').at(-1) ?? path) }) as const;

const DROP = [
  file('pacs/NORMAL/IM0001', dicom('mono2_8bit.dcm')),
  file('pacs/NORMAL/IM0002', dicom('mono2_12bit.dcm')),
  file('pacs/EFFUSION/1.2.826.0.1.3680043.8.498.1', dicom('implicit_le.dcm')),
  file('pacs/EFFUSION/1.2.826.0.1.3680043.8.498.2', dicom('deflated.dcm')),
  file('pacs/EFFUSION/LICENSE', 'Not an image: a text file without an extension.'),
  file('pacs/notes.txt', 'read me'),
];

it('ingests DICOM files named without an extension and skips the rest with the reason', async () => {
  const detected = detectDatasetFormat(DROP.map((f) => f.path));
  expect(detected.format).toBe('folder');
  const images = imageFiles(DROP);
  expect(images.map((f) => f.path)).not.toContain('pacs/notes.txt');

  const skipped: [string, string][] = [];
  const hooks = {
    onProgress: () => {},
    onSkipped: (path: string, reason: string) => skipped.push([path, reason]),
    isCancelled: () => false,
  };
  const key = 'extensionless-dicom-test';
  const settings = { shortSide: 16, bitDepth: 8 as const, shardImages: 4 };
  const summary = await ingest(images, settings, key, hooks);
  expect([summary.cached, summary.skipped]).toEqual([4, 1]);
  expect(skipped).toEqual([
    [
      'pacs/EFFUSION/LICENSE',
      'no image extension (.png, .jpg, .jpeg, .dcm) and no DICOM marker ("DICM" at byte 128)',
    ],
  ]);

  const cached = await cachedPaths(key);
  const { summary: indexed } = await indexLabels('pacs', detected, DROP, cached);
  const { accounting } = indexed;
  expect([accounting.files, accounting.cached, accounting.skipped]).toEqual([6, 4, 1]);
  expect(accounting.otherFiles.sample).toEqual(['pacs/notes.txt']);
  expect(accounting.labelled).toBe(4);
});
