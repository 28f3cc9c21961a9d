// Benchmark: a CheXpert-sized dropped dataset (a generated 223,414-row train.csv, as the real one)
// through the worker's training session in Node, over in-memory stores that hand the index out as
// a structured clone, as IndexedDB does: the bytes of a stage checkpoint and of its metadata, what
// the metadata would weigh if it still carried the index, the time to load the dataset by key, and
// the time from a reload's resume request to the rebuilt session. Prints numbers; asserts nothing.
// Run: npx tsx test/bench/checkpoint-size.ts

import { startCpuBackend } from '../../src/core/backend/select';
import { parseCheXpertCsv } from '../../src/core/data/chexpert';
import { readSafetensors } from '../../src/core/weights/safetensors';
import type { CheckpointInfo, DatasetRef } from '../../src/worker/protocol';
import { TrainerSession } from '../../src/worker/session';
import { generateCheXpertCsv } from '../helpers/chexpert-drop';
import {
  fakeSessionDeps,
  MemoryCheckpoints,
  MemoryDatasets,
  TINY_MODEL,
  TINY_RUN,
} from '../helpers/session-fakes';

const REF: DatasetRef = { kind: 'cached', datasetKey: 'chexpert-bench' };
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

await startCpuBackend();
const index = parseCheXpertCsv(generateCheXpertCsv().text);
// The images of the first 400 items are "cached": training and validation stay small.
const cached = new Set(index.items.slice(0, 400).map((item) => item.path));
const datasets = new MemoryDatasets('CheXpert-v1.0-small', index, cached);
const saving = fakeSessionDeps(datasets);
const session = new TrainerSession(saving.deps);
let started = performance.now();
await session.loadData(REF);
console.log(
  `${index.items.length} rows: dataset loaded by key in ${seconds(performance.now() - started)}`,
);
await session.build(TINY_MODEL, { kind: 'random' }, 1);
saving.onEvent((event) => event.kind === 'checkpointSaved' && session.control.stop());
await session.runStage(1, TINY_RUN);
session.model?.network.dispose();

const bytes = saving.checkpoints.bytes as Uint8Array;
const { metadata } = readSafetensors(bytes);
const metadataBytes = new TextEncoder().encode(JSON.stringify(metadata)).length;
const withIndex = JSON.stringify({ ...JSON.parse(metadata.context ?? '{}'), index }).length;
console.log(
  `checkpoint ${mb(bytes.length)} (tensors of ColorU + ResNet18/8, ×3: weights, momentum, best), ` +
    `metadata ${kb(metadataBytes)}; the same context with the index in it: ${mb(withIndex)}`,
);

for (let run = 1; run <= 3; run++) {
  // Each reload resumes from its own copy: a resumed stage that completes clears its slot.
  const slot = new MemoryCheckpoints();
  await slot.save(bytes, (await saving.checkpoints.loadInfo()) as CheckpointInfo);
  const reloaded = fakeSessionDeps(datasets, slot);
  const fresh = new TrainerSession(reloaded.deps);
  let rebuiltMs = 0;
  reloaded.onEvent((event) => {
    if (event.kind === 'resumed') rebuiltMs = performance.now() - started;
  });
  started = performance.now();
  await fresh.resume(2);
  fresh.model?.network.dispose();
  console.log(
    `resume ${run}: checkpoint decoded, index read by key, split checked, network rebuilt in ${seconds(rebuiltMs)}`,
  );
}
