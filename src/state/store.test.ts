// The store's actions and the stage selectors that gate the wizard's stage cards.
import { beforeEach, expect, it } from 'vitest';
import { builtModel } from '../../test/helpers/built-model';
import { patcher } from './patch';
import { stageBlockers } from './selectors';
import { resetStudio, useStudio } from './store';

const device = { backend: 'cpu', adapter: 'CPU', fallbackReasons: [] } as const;
const checkpoint = {
  stage: 'all',
  step: 40,
  totalSteps: 100,
  savedAt: '2026-01-01T00:00:00Z',
} as const;

beforeEach(resetStudio);

it('offers the checkpoint reported at start-up for resuming', () => {
  useStudio.getState().deviceReady({ ...device, fallbackReasons: [] }, checkpoint);
  expect(useStudio.getState().training.resumable).toEqual(checkpoint);
  resetStudio();
  expect(useStudio.getState().training.resumable).toBeNull();
  expect(typeof useStudio.getState().chooseStage).toBe('function'); // actions survive a reset
});

it('changes one form field per action and keeps the rest of its slice', () => {
  const { setTrainSetting, setModelSpec, setDemo, overrideFolderFormat } = useStudio.getState();
  const before = useStudio.getState();
  setTrainSetting('lrMax', 0.003);
  setModelSpec({ inputSize: 64 });
  setDemo({ seed: 7 });
  overrideFolderFormat('mura'); // no folder scanned: nothing to override
  const after = useStudio.getState();
  expect(after.training.settings).toEqual({ ...before.training.settings, lrMax: 0.003 });
  expect(after.model.spec).toEqual({ ...before.model.spec, inputSize: 64 });
  expect(after.dataset.demo).toEqual({ ...before.dataset.demo, seed: 7 });
  expect(after.dataset.folder).toBeNull();
});

it('blocks every stage until data and a model exist, then applies the stage table', () => {
  expect(stageBlockers(useStudio.getState(), 'colorModule')).toHaveLength(2);
  const patch = patcher(useStudio);
  patch('dataset', { summary: { name: 'Phantom', labels: ['Edema'], splits: [], warnings: [] } });
  patch('model', { built: builtModel() });
  const s = () => useStudio.getState();
  expect(stageBlockers(s(), 'colorModule')).toEqual([]);
  expect(stageBlockers(s(), 'baseline').join()).toMatch(/gray replication/);
  expect(stageBlockers(s(), 'all').join()).toMatch(/Run Color Module first/);
  patch('training', { previousStage: 'colorModule' });
  expect(stageBlockers(s(), 'all')).toEqual([]);
  expect(stageBlockers(s(), 'colorModule').join()).toMatch(/new network/);
  expect(stageBlockers(s(), 'lastLayer').join()).toMatch(/Import/);
});

it('forgets what a lost training worker held and says how to go on', () => {
  const s = useStudio.getState();
  useStudio.setState({
    dataset: { ...s.dataset, loaded: { kind: 'cached', datasetKey: 'k' } },
    training: { ...s.training, busy: true, runState: 'running' },
  });
  useStudio.getState().workerLost('The training worker crashed: out of memory');
  const after = useStudio.getState();
  expect(after.dataset.loaded).toBeNull();
  expect(after.model.built).toBeNull();
  expect(after.training).toMatchObject({ busy: false, runState: 'idle' });
  expect(after.device).toEqual({ phase: 'starting' });
  expect(after.training.workerError).toMatch(
    /^The training worker crashed: out of memory\. A new worker was started: resume the stage/,
  );
  useStudio.getState().dismissWorkerError();
  expect(useStudio.getState().training.workerError).toBeNull();
});
