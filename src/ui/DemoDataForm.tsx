// The built-in demo data: seeded phantom chest radiographs rendered in the worker.

import { Sparkles } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { fieldsOf } from '../state/selectors';
import { useStudio } from '../state/store';
import { ActionButton } from './ActionButton';
import { useCommands } from './commands-context';
import { ErrorText, NumberField } from './fields';

export function DemoDataForm() {
  const { demo, busy, error } = useStudio(useShallow(fieldsOf('dataset', 'demo', 'busy', 'error')));
  const setDemo = useStudio((s) => s.setDemo);
  const { loadDemoData } = useCommands();
  return (
    <fieldset className="card">
      <legend>Built-in demo data</legend>
      <p className="hint">
        Synthetic chest radiographs with the five CheXpert findings, drawn from a seed: nothing to
        download, no patient data.
      </p>
      <div className="fields">
        <NumberField
          label="Patients"
          value={demo.patients}
          min={8}
          max={5000}
          step={1}
          onChange={(patients) => setDemo({ patients })}
          hint="Split by patient."
          more="Patients go whole to train, valid or test (70 / 15 / 15 %); each has several studies, as in CheXpert."
        />
        <NumberField
          label="Image size (px)"
          value={demo.imageSize}
          min={32}
          max={1024}
          step={8}
          onChange={(imageSize) => setDemo({ imageSize })}
          hint="A little above the input size."
          more="Random crops (augmentation) then have room; images are resized to the model's input size."
        />
        <NumberField
          label="Data seed"
          value={demo.seed}
          step={1}
          onChange={(seed) => setDemo({ seed })}
          hint="Same seed, same images."
        />
      </div>
      <ActionButton icon={Sparkles} onClick={loadDemoData} busy={busy} busyLabel="Generating…">
        Generate demo data
      </ActionButton>
      <ErrorText error={error} />
    </fieldset>
  );
}
