// The run's settings, each with why its default is what it is. Disabled while a stage runs or the
// LR finder sweeps with them.

import { useId } from 'react';
import { selectSweeping, selectTrainingBusy } from '../state/selectors';
import { useStudio } from '../state/store';
import type { TrainSettings } from '../state/training';
import { Help, NumberField } from './fields';

type NumericSetting = Exclude<keyof TrainSettings, 'augment'>;

interface Field {
  key: NumericSetting;
  label: string;
  /** One line under the control. */
  hint: string;
  /** Behind the "?": why the default is what it is. */
  more: string;
  min: number;
  step: number | 'any';
}

const FIELDS: Field[] = [
  {
    key: 'iterations',
    label: 'Iterations',
    hint: 'Optimizer steps.',
    more: 'The one-cycle schedule warms up over the first 30 % of them, then anneals to zero.',
    min: 1,
    step: 1,
  },
  {
    key: 'lrMax',
    label: 'Max learning rate',
    hint: 'Peak of the one-cycle schedule.',
    more: 'Lower it if the loss diverges; the learning rate finder below suggests a value.',
    min: 0,
    step: 'any',
  },
  {
    key: 'batchSize',
    label: 'Batch size',
    hint: 'Images per micro-batch.',
    more: 'Bounded by GPU memory: lower it if the device runs out, and raise Accumulation.',
    min: 1,
    step: 1,
  },
  {
    key: 'accumulation',
    label: 'Accumulation',
    hint: 'Micro-batches per step.',
    more: 'The effective batch is batch size × accumulation (the paper: 16).',
    min: 1,
    step: 1,
  },
  {
    key: 'weightDecay',
    label: 'Weight decay',
    hint: 'Decoupled, as fastai.',
    more: 'Each step multiplies every weight by 1 − lr·wd before the gradient update.',
    min: 0,
    step: 'any',
  },
  {
    key: 'validateEvery',
    label: 'Validate every K steps',
    hint: 'Validation AUC and a checkpoint.',
    more: 'The best validation mean AUC is kept; the stage ends on those weights.',
    min: 1,
    step: 1,
  },
  {
    key: 'seed',
    label: 'Run seed',
    hint: 'New C, batch order, augmentation.',
    more: 'The same seed on the same data and device repeats the run exactly.',
    min: 0,
    step: 1,
  },
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
        {FIELDS.map(({ key, ...field }) => (
          <NumberField
            key={key}
            {...field}
            value={settings[key]}
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
      <label id={`${id}-label`}>
        <input
          type="checkbox"
          checked={props.checked}
          aria-describedby={`${id}-hint`}
          onChange={(event) => props.onChange(event.target.checked)}
        />{' '}
        Augmentation
      </label>
      <div className="hint-row">
        <small id={`${id}-hint`} className="hint">
          Random crop, ±10° rotation, zoom.
        </small>
        <Help topicId={`${id}-label`}>
          As SPEC §4 trains. Off, a small set learns in fewer steps but overfits sooner.
        </Help>
      </div>
    </div>
  );
}
