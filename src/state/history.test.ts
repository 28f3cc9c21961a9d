// The runs history slice: merging listed and streamed entries, the experiment the Results view
// shows, and the runSaved reducer.
import { beforeEach, expect, it } from 'vitest';
import { runEntry } from '../../test/helpers/run-entries';
import { experimentEntries, experimentsOf, mergeEntries, shownExperiment } from './history';
import { initialData, resetStudio, type StudioData, useStudio } from './store';
import { reduceEvent } from './worker-events';

const entry = (runIndex: number, experimentId = 'exp-1', savedAt?: string) =>
  runEntry({
    procedure: 'Baseline',
    seed: runIndex,
    perLabelAuc: [0.7, 0.8],
    runIndex,
    experimentId,
    ...(savedAt ? { savedAt } : {}),
  });

beforeEach(resetStudio);

it('keeps entries saved while a list was in flight, lets the listed copy win, oldest first', () => {
  const streamed = entry(2);
  const stale = { ...entry(0), experimentName: 'old name' };
  const merged = mergeEntries([streamed, stale], [entry(1), entry(0)]);
  expect(merged.map((e) => e.id)).toEqual(['exp-1/0/0', 'exp-1/1/0', 'exp-1/2/0']);
  expect(merged[0]?.experimentName).toBe('Phantom comparison');
});

it('leaves deleted entries out even when a stale copy is still in the page', () => {
  const merged = mergeEntries([entry(0), entry(1), entry(2)], [entry(0)], ['exp-1/1/0']);
  expect(merged.map((e) => e.id)).toEqual(['exp-1/0/0', 'exp-1/2/0']);
});

it('lists experiments newest first and shows the newest unless another is chosen', () => {
  const entries = [
    entry(0, 'a', '2026-01-01T10:00:00Z'),
    entry(0, 'b', '2026-01-02T10:00:00Z'),
    entry(1, 'a', '2026-01-03T10:00:00Z'),
  ];
  expect(experimentsOf(entries)).toEqual([
    { id: 'a', name: 'Phantom comparison', stageRuns: 2, lastSaved: '2026-01-03T10:00:00Z' },
    { id: 'b', name: 'Phantom comparison', stageRuns: 1, lastSaved: '2026-01-02T10:00:00Z' },
  ]);
  expect(shownExperiment(entries, null)).toBe('a');
  expect(shownExperiment(entries, 'b')).toBe('b');
  expect(shownExperiment(entries, 'deleted')).toBe('a');
  expect(shownExperiment([], null)).toBeNull();
});

it("orders an experiment's stage runs by plan (run, then stage), not by save time", () => {
  const late = runEntry({ procedure: 'Baseline', seed: 0, perLabelAuc: [0.7], runIndex: 0 });
  const first = runEntry({
    procedure: 'All',
    seed: 0,
    perLabelAuc: [0.7],
    runIndex: 0,
    stageIndex: 1,
    savedAt: '2025-12-31T00:00:00Z',
  });
  const other = entry(0, 'b');
  const runs = experimentEntries([first, other, late], 'exp-1');
  expect(runs.map((e) => e.id)).toEqual(['exp-1/0/0', 'exp-1/0/1']);
});

it('adds a saved run to the history and replaces one saved again', () => {
  const state: StudioData = initialData();
  const added = reduceEvent(state, { kind: 'runSaved', entry: entry(0) });
  expect(added?.history?.entries.map((e) => e.id)).toEqual(['exp-1/0/0']);
  const again = { ...entry(0), experimentName: 'renamed' };
  const withAdded = { ...state, history: added?.history ?? state.history };
  const replaced = reduceEvent(withAdded, { kind: 'runSaved', entry: again });
  expect(replaced?.history?.entries).toEqual([again]);
});

it('chooses the experiment the Results view shows, and a reset forgets it', () => {
  useStudio.getState().chooseExperiment('b');
  expect(useStudio.getState().history.chosenExperiment).toBe('b');
  resetStudio();
  expect(useStudio.getState().history).toMatchObject({ chosenExperiment: null, entries: [] });
});
