// The run's settings, each with why its default is what it is. Disabled while a stage runs or the
// LR finder sweeps with them.

import { useId } from 'react';
import { selectSweeping, selectTrainingBusy } from '../state/selectors';
import { useStudio } from '../state/store';
import type { TrainSettings } from '../state/training';
import { NumberField } from './fields';

type NumericSetting = Exclude<keyof TrainSettings, 'augment'>;

type Field = [key: NumericSetting, label: string, hint: string, min: number, step: number | 'any'];

const FIELDS: Field[] = [
  ['iterations', 'Iterations', 'Optimizer steps of the one-cycle schedule.', 1, 1],
  [
    'lrMax',
    'Max learning rate',
    'Peak of the one-cycle schedule; lower it if the loss diverges.',
    0,
    'any',
  ],
  ['batchSize', 'Batch size', 'Images per micro-batch: bounded by GPU memory.', 1, 1],
  ['accumulation', 'Accumulation', 'Micro-batches per step: effective batch = batch × this.', 1, 1],
  ['weightDecay', 'Weight decay', 'Decoupled (p ← p·(1 − lr·wd)), as fastai.', 0, 'any'],
  [
    'validateEvery',
    'Validate every K steps',
    'Validation AUC and a checkpoint; the best is kept.',
    1,
    1,
  ],
  ['seed', 'Run seed', 'New C, batch order and augmentation.', 0, 1],
];

export function TrainSettingsForm() {
  const settings = useStudio((s) => s.training.settings);
  const busy = useStudio(selectTrainingBusy);
  const sweeping = useStudio(selectSweeping);
  const setTrainSetting = useStudio((s) => s.setTrainSetting);
  return (
    <fieldset className="card" disabled={busy || sweeping}>
      <legend>Settings</legend>
      <div className="fields">
        {FIELDS.map(([key, label, hint, min, step]) => (
          <NumberField
            key={key}
            label={label}
            value={settings[key]}
            min={min}
            step={step}
            hint={hint}
            onChange={(value) => setTrainSetting(key, value)}
          />
        ))}
        <AugmentField
          checked={settings.augment ?? true}
          onChange={(augment) => setTrainSetting('augment', augment)}
        />
      </div>
    </fieldset>
  );
}

/** SPEC §4's augmentation, on by default; off, small data learns faster but overfits sooner. */
function AugmentField(props: { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label>
        <input
          type="checkbox"
          checked={props.checked}
          aria-describedby={`${id}-hint`}
          onChange={(event) => props.onChange(event.target.checked)}
        />{' '}
        Augmentation
      </label>
      <small id={`${id}-hint`} className="hint">
        Random crop, ±10° rotation and zoom (SPEC §4). Off, a small set learns in fewer steps.
      </small>
    </div>
  );
}
