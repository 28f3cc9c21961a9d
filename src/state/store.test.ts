// The store's actions and the stage selectors that gate the wizard's stage cards.
import { beforeEach, expect, it } from 'vitest';
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
  expect(typeof useStudio.getState().patch).toBe('function');
});

it('blocks every stage until data and a model exist, then applies the stage table', () => {
  expect(stageBlockers(useStudio.getState(), 'colorModule')).toHaveLength(2);
  const { patch } = useStudio.getState();
  patch('dataset', { summary: { name: 'Phantom', labels: ['Edema'], splits: [] } });
  patch('model', {
    built: {
      spec: {
        colorizer: 'coloru',
        backbone: 'resnet18',
        widthMultiplier: 1,
        inputSize: 64,
        seed: 0,
      },
      parameters: { colorizer: 1, backbone: 1, classifier: 1 },
      pretrained: 'ImageNet',
      isPretrained: true,
    },
  });
  const s = () => useStudio.getState();
  expect(stageBlockers(s(), 'colorModule')).toEqual([]);
  expect(stageBlockers(s(), 'baseline').join()).toMatch(/replicate/);
  expect(stageBlockers(s(), 'all').join()).toMatch(/Run Color Module first/);
  patch('training', { previousStage: 'colorModule' });
  expect(stageBlockers(s(), 'all')).toEqual([]);
  expect(stageBlockers(s(), 'colorModule').join()).toMatch(/new network/);
  expect(stageBlockers(s(), 'lastLayer').join()).toMatch(/Import/);
});
