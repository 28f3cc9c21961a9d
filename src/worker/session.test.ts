// The worker's training session in Node, over in-memory stores (test/helpers/session-fakes.ts):
// stage sequencing by the stage table, a stop and a resume in a fresh session that continue the
// stage exactly, damaged or stale checkpoints refused, and checkpoints that hold the dataset by
// key, so a CheXpert-sized index never rides along.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { CHEXPERT_ROWS, generateCheXpertCsv } from '../../test/helpers/chexpert-drop';
import {
  fakeSessionDeps,
  MemoryCheckpoints,
  MemoryDatasets,
  TINY_MODEL,
  TINY_RUN,
} from '../../test/helpers/session-fakes';
import { parseCheXpertCsv } from '../core/data/chexpert';
import { encodeCheckpoint } from '../core/train/checkpoint';
import { readSafetensors } from '../core/weights/safetensors';
import type { DatasetRef, ModelSpec, StageRunSpec, WorkerEvent } from './protocol';
import { TrainerSession } from './session';

const MODEL: ModelSpec = { ...TINY_MODEL, seed: 1 };
const RUN: StageRunSpec = { ...TINY_RUN, validateEvery: 2, seed: 3 };
const DEMO: DatasetRef = { kind: 'demo', demo: { patients: 16, imageSize: 40, seed: 2 } };
const RANDOM_E = { kind: 'random' } as const;

const ofKind = <K extends WorkerEvent['kind']>(events: WorkerEvent[], kind: K) =>
  events.filter((e): e is Extract<WorkerEvent, { kind: K }> => e.kind === kind);
const losses = (events: WorkerEvent[]) => ofKind(events, 'trainStep').map((e) => e.loss);

/** A session on the demo data with a built network, over `checkpoints`. */
async function demoSession(checkpoints = new MemoryCheckpoints()) {
  const fake = fakeSessionDeps(
    new MemoryDatasets('none', { labels: [], items: [] }, new Set()),
    checkpoints,
  );
  const session = new TrainerSession(fake.deps);
  await session.loadData(DEMO);
  await session.build(MODEL, RANDOM_E, 1);
  return { session, ...fake };
}

describe('TrainerSession', () => {
  it('runs stages in the order the stage table allows, one step convention throughout', async () => {
    const { session, events, checkpoints } = await demoSession();
    await expect(session.runStage(2, { ...RUN, stage: 'lastLayer' })).rejects.toThrow(/Import/);
    await session.runStage(3, RUN);
    expect(ofKind(events, 'trainStep').map((e) => e.step)).toEqual([1, 2, 3, 4]);
    expect(ofKind(events, 'validation').map((e) => e.step)).toEqual([2, 4]);
    expect(ofKind(events, 'stageFinished')).toMatchObject([
      { id: 3, stage: 'colorModule', outcome: 'completed', stepsRun: 4 },
    ]);
    expect(checkpoints.saves).toBe(2);
    expect(checkpoints.bytes).toBeUndefined(); // a completed stage leaves nothing to resume
    await session.runStage(4, { ...RUN, stage: 'all', iterations: 2 });
    expect(ofKind(events, 'stageFinished').at(-1)).toMatchObject({ stage: 'all', stepsRun: 2 });
    session.model?.network.dispose();
  }, 120_000);

  it('resumes a stopped stage in a fresh session exactly where it stopped', async () => {
    const reference = await demoSession();
    await reference.session.runStage(1, RUN);
    const expected = losses(reference.events);
    reference.session.model?.network.dispose();

    const first = await demoSession();
    first.onEvent((event) => event.kind === 'validation' && first.session.control.stop());
    await first.session.runStage(1, RUN);
    expect(ofKind(first.events, 'stageFinished')[0]).toMatchObject({
      outcome: 'stopped',
      stepsRun: 2,
    });
    first.session.model?.network.dispose();

    // A reload: a new session with nothing loaded, over the same checkpoint store.
    const reloaded = fakeSessionDeps(
      new MemoryDatasets('none', { labels: [], items: [] }, new Set()),
      first.checkpoints,
    );
    const session = new TrainerSession(reloaded.deps);
    await session.resume(2);
    expect(ofKind(reloaded.events, 'resumed')[0]).toMatchObject({ model: MODEL, run: RUN });
    expect([...losses(first.events), ...losses(reloaded.events)]).toEqual(expected);
    expect(ofKind(reloaded.events, 'stageFinished')[0]).toMatchObject({ stepsRun: 4 });
    session.model?.network.dispose();
  }, 120_000);

  it('refuses a checkpoint whose context is damaged or from another version, leaking nothing', async () => {
    const checkpoints = new MemoryCheckpoints();
    const session = new TrainerSession(
      fakeSessionDeps(new MemoryDatasets('none', { labels: [], items: [] }, new Set()), checkpoints)
        .deps,
    );
    const empty = {
      progress: { step: 1, bestStep: 0, bestMeanAuc: Number.NaN },
      momentum: {},
      best: {},
    };
    const weights = { 'deco.w': tf.zeros([2]) };
    const save = (context: unknown) =>
      checkpoints.save(encodeCheckpoint({ ...empty, weights }, context), {
        stage: 'all',
        step: 1,
        totalSteps: 2,
        savedAt: '',
      });
    const before = tf.memory().numTensors;
    await save({ model: MODEL, run: RUN, data: DEMO }); // the old format: no version
    await expect(session.resume(1)).rejects.toThrow(/another version/);
    await save({
      version: 2,
      model: { ...MODEL, colorizer: 'rainbow' },
      run: { ...RUN, iterations: -1 },
      data: { kind: 'cached' },
      split: { seed: 0, images: { train: 1, valid: 1, test: 1 } },
      previousStage: null,
      imported: false,
      pretrained: { kind: 'random-init', seed: 1 },
    });
    await expect(session.resume(1)).rejects.toThrow(
      'The saved checkpoint is damaged (model.colorizer, run.iterations, context.data)',
    );
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(weights);
  });
});

describe('a CheXpert-sized dropped dataset', () => {
  const { text } = generateCheXpertCsv();
  const index = parseCheXpertCsv(text);
  // A partly ingested cache (its first 400 images), so the test trains on little.
  const cached = new Set(index.items.slice(0, 400).map((item) => item.path));
  const CACHED: DatasetRef = { kind: 'cached', datasetKey: 'chexpert-key' };

  it('is checkpointed by key (metadata far under 64 KB) and resumed only on the same split', async () => {
    expect(index.items).toHaveLength(CHEXPERT_ROWS);
    const datasets = new MemoryDatasets('CheXpert-v1.0-small', index, cached);
    const { deps, checkpoints, onEvent } = fakeSessionDeps(datasets);
    const session = new TrainerSession(deps);
    await session.loadData(CACHED);
    await session.build(MODEL, RANDOM_E, 1);
    onEvent((event) => event.kind === 'checkpointSaved' && session.control.stop());
    await session.runStage(1, { ...RUN, iterations: 2, validateEvery: 1 });
    session.model?.network.dispose();

    const bytes = checkpoints.bytes as Uint8Array;
    const { metadata, tensors } = readSafetensors(bytes);
    tf.dispose(Object.values(tensors));
    const metadataBytes = new TextEncoder().encode(JSON.stringify(metadata)).length;
    console.log(`checkpoint ${bytes.length} bytes, metadata ${metadataBytes} bytes`);
    expect(metadataBytes).toBeLessThan(64 * 1024);
    expect(JSON.parse(metadata.context ?? '{}').data).toEqual(CACHED);

    // The folder changed (1,000 rows gone) since: the stage must not resume on other data.
    datasets.index = { ...index, items: index.items.slice(1_000) };
    const reloaded = new TrainerSession(fakeSessionDeps(datasets, checkpoints).deps);
    await expect(reloaded.resume(2)).rejects.toThrow(/has changed since the checkpoint was saved/);
  }, 120_000);
});
