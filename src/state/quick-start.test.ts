// The quick start is the experiment its figures were measured with: experiments/quick-start.json.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseExperimentConfig } from './pure-core';
import { QUICK_START } from './quick-start';

it('sets the data, model, stage and settings of experiments/quick-start.json', () => {
  const file = readFileSync(new URL('../../experiments/quick-start.json', import.meta.url), 'utf8');
  const config = parseExperimentConfig(JSON.parse(file));
  const chain = config.chains[0];
  expect(config.chains).toHaveLength(1);
  expect(config.dataset).toEqual({ kind: 'phantom', ...QUICK_START.demo });
  expect({ ...QUICK_START.spec, seed: 0 }).toEqual({
    colorizer: chain?.colorizer,
    backbone: config.backbone,
    widthMultiplier: config.widthMultiplier,
    inputSize: config.inputSize,
    seed: 0,
  });
  const [stage] = chain?.stages ?? [];
  expect(stage?.stage).toBe(QUICK_START.stage);
  // How the runner completes a stage's settings (core/experiment/config.ts stageSettings).
  const settings = { ...config.training, ...stage, seed: config.seeds[0] };
  expect(settings).toMatchObject({ ...QUICK_START.settings, stage: QUICK_START.stage });
});
