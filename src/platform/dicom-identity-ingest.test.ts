// A DICOM folder through ingestion and indexing in Node (fake-indexeddb; the real decoders):
// the cache keeps each file's PatientID only as a salted hash, a label CSV keyed by
// SOPInstanceUID finds its files, and the files of one patient share one split group.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { FIXTURES } from '../../test/helpers/fixtures';
import { readDicom } from '../core/dicom/read-dicom';
import { cachedPaths, dicomIdentities } from './image-cache';
import { indexLabels } from './index-labels';
import { hashedPatient, ingest } from './ingest-loop';

const DIR = resolve(FIXTURES, 'dicom');
const NAMES = ['implicit_le.dcm', 'mono2_12bit.dcm', 'deflated.dcm'];
const bytesOf = (name: string) => new Uint8Array(readFileSync(resolve(DIR, name)));
const file = (path: string, bytes: Uint8Array | string) =>
  ({ path, file: new File([bytes as BlobPart], path.split('/').at(-1) ?? path) }) as const;
const hooks = { onProgress: () => {}, onSkipped: () => {}, isCancelled: () => false };

it('indexes a DICOM folder by SOPInstanceUID and groups it by the hashed PatientID', async () => {
  const headers = await Promise.all(NAMES.map((name) => readDicom(bytesOf(name))));
  const images = NAMES.map((name) => file(`scans/images/${name}`, bytesOf(name)));
  const csv = ['SOPInstanceUID,Effusion', ...headers.map((h, i) => `${h.sopInstanceUid},${i % 2}`)];
  const files = [...images, file('scans/labels.csv', csv.join('\n'))];
  const key = 'dicom-identity-test';
  const settings = { shortSide: 16, bitDepth: 8 as const, shardImages: 2 };
  const summary = await ingest(images, settings, key, hooks);
  expect(summary.cached).toBe(3);

  const identities = await dicomIdentities(key);
  const patient = await hashedPatient(key, headers[0]?.patientId ?? '');
  expect([...identities.values()].map((ids) => ids.patient)).toEqual([patient, patient, patient]);
  expect(JSON.stringify([...identities])).not.toContain(headers[0]?.patientId);
  expect(patient).not.toBe(await hashedPatient('another-dataset', headers[0]?.patientId ?? ''));

  const format = { format: 'csv' as const, reason: 'test', csvPath: 'scans/labels.csv' };
  const { record } = await indexLabels('scans', format, files, await cachedPaths(key), identities);
  expect(record.index.items.map((i) => [i.path, i.target[0], i.patientId])).toEqual(
    NAMES.map((name, i) => [`scans/images/${name}`, i % 2, `dicom:${patient}`]),
  );
});
