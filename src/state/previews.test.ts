// The preview history: bounded per stage run, reset by a new stage, and a slider that follows the
// newest validation until the user moves it (through the router and the named action).
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeWorkerSource } from '../../test/helpers/fake-worker-source';
import type { WorkerEvent } from '../worker/protocol';
import {
  addSnapshot,
  initialPreviews,
  MAX_PREVIEW_SNAPSHOTS,
  type PreviewHistory,
  selectSnapshot,
  shownIndex,
} from './previews';
import { selectPreviewHeld, selectShownPreviewIndex } from './selectors';
import { resetStudio, useStudio } from './store';
import { connectWorkerEvents } from './worker-events';

const snapshot = (step: number) => ({ step, images: [] });
const steps = (history: PreviewHistory) => history.snapshots.map((s) => s.step);

/** Validations at steps 10, 20, … (n of them) of a Color Module run. */
function validations(n: number): PreviewHistory {
  let out = initialPreviews();
  for (let i = 1; i <= n; i++) out = addSnapshot(out, 'colorModule', snapshot(i * 10));
  return out;
}

describe('addSnapshot', () => {
  it('keeps every snapshot up to the bound, oldest first', () => {
    const history = validations(MAX_PREVIEW_SNAPSHOTS);
    expect(steps(history)).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 10));
    expect(shownIndex(history)).toBe(19);
  });

  it('over the bound, drops every other snapshot but keeps the first and the newest', () => {
    const history = validations(MAX_PREVIEW_SNAPSHOTS + 1);
    expect(steps(history)).toEqual([10, 30, 50, 70, 90, 110, 130, 150, 170, 190, 210]);
    const long = validations(200);
    expect(long.snapshots.length).toBeLessThanOrEqual(MAX_PREVIEW_SNAPSHOTS);
    expect(steps(long)[0]).toBe(10);
    expect(steps(long).at(-1)).toBe(2000);
  });

  it('starts afresh when another stage reports', () => {
    const held = selectSnapshot(validations(5), 1);
    const next = addSnapshot(held, 'all', snapshot(3));
    expect(next).toEqual({ stage: 'all', snapshots: [snapshot(3)], heldStep: null });
  });
});

describe('the slider', () => {
  it('follows the newest snapshot until moved, then holds it through new validations', () => {
    let history = validations(3);
    expect(shownIndex(history)).toBe(2);
    history = selectSnapshot(history, 1);
    expect(history.heldStep).toBe(20);
    history = addSnapshot(history, 'colorModule', snapshot(40));
    history = addSnapshot(history, 'colorModule', snapshot(50));
    expect(steps(history)).toEqual([10, 20, 30, 40, 50]);
    expect(shownIndex(history)).toBe(1);
  });

  it('holds the chosen step while thinning moves it, and follows again at the end', () => {
    let history = selectSnapshot(validations(4), 1); // step 20 held
    for (let step = 50; step <= 210; step += 10) {
      history = addSnapshot(history, 'colorModule', snapshot(step));
    }
    // 21 snapshots thinned to 11: step 20 is gone, the hold moves to step 10, at or before it.
    expect(history.heldStep).toBe(10);
    expect(shownIndex(history)).toBe(0);
    history = selectSnapshot(history, history.snapshots.length - 1);
    expect(history.heldStep).toBeNull();
    history = addSnapshot(history, 'colorModule', snapshot(220));
    expect(shownIndex(history)).toBe(history.snapshots.length - 1);
  });

  it('clamps an index outside the history and leaves an unchanged history as it was', () => {
    const history = validations(3);
    expect(selectSnapshot(history, 7)).toBe(history);
    expect(selectSnapshot(history, -4).heldStep).toBe(10);
    expect(selectSnapshot(initialPreviews(), 0)).toEqual(initialPreviews());
  });
});

describe('in the store', () => {
  beforeEach(resetStudio);

  const preview = (step: number): WorkerEvent => ({
    kind: 'preview',
    stage: 'colorModule',
    step,
    images: [],
  });

  it('routes preview events into the history and moves the slider through the named action', () => {
    const source = fakeWorkerSource();
    const disconnect = connectWorkerEvents(source, useStudio);
    source.emit(preview(2));
    source.emit(preview(4));
    const state = () => useStudio.getState();
    expect(selectShownPreviewIndex(state())).toBe(1);
    state().selectPreviewSnapshot(0);
    source.emit(preview(6));
    expect(steps(state().previews)).toEqual([2, 4, 6]);
    expect(selectShownPreviewIndex(state())).toBe(0);
    expect(selectPreviewHeld(state())).toBe(true);
    state().selectPreviewSnapshot(2);
    source.emit(preview(8));
    expect(selectShownPreviewIndex(state())).toBe(3);
    disconnect();
  });
});
