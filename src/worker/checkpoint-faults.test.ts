// A checkpoint write refused for lack of space during a stage: the page is told (through the
// worker's error banner) and the stage goes on, with the last good checkpoint kept; any other
// failure still fails the stage.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { MemoryCheckpoints } from '../../test/helpers/session-fakes';
import type { StageCheckpoint } from '../core/train/checkpoint';
import type { WorkerEvent } from './protocol';
import { saveStageCheckpoint } from './stage-events';

const label = { stage: 'colorModule', iterations: 10 } as const;

function checkpointAt(step: number): StageCheckpoint {
  return {
    progress: { step, bestStep: 0, bestMeanAuc: Number.NaN },
    weights: { 'deco.w': tf.fill([4], step) },
    momentum: {},
    best: {},
  };
}

async function save(store: MemoryCheckpoints, events: WorkerEvent[], step: number) {
  const checkpoint = checkpointAt(step);
  try {
    await saveStageCheckpoint(store, (e) => events.push(e), checkpoint, { run: 1 }, label);
  } finally {
    tf.dispose(Object.values(checkpoint.weights));
  }
}

describe('a checkpoint write refused for lack of space', () => {
  it('is reported, the stage goes on, and the previous checkpoint stays current', async () => {
    const store = new MemoryCheckpoints();
    const events: WorkerEvent[] = [];
    await save(store, events, 2);
    store.refuse = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    await save(store, events, 4); // resolves: the loop carries on
    expect(events.map((e) => e.kind)).toEqual(['checkpointSaved', 'error']);
    const error = events[1] as Extract<WorkerEvent, { kind: 'error' }>;
    expect(error.id).toBeNull(); // the worker banner, not a request's answer
    expect(error.message).toMatch(
      /^The quota has been exceeded\. Training goes on; checkpoints are off until space is freed/,
    );
    expect((await store.load())?.info.step).toBe(2);
  });

  it('other failures still fail the stage', async () => {
    const store = new MemoryCheckpoints();
    store.refuse = () => new Error('disk on fire');
    await expect(save(store, [], 2)).rejects.toThrow('disk on fire');
  });
});
