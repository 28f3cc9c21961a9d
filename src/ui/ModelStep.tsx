// Wizard step 2: the colorization module T, the backbone E, their size, and E's weights.

import { Hammer } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { fieldsOf } from '../state/selectors';
import { useStudio } from '../state/store';
import { ActionButton } from './ActionButton';
import { useCommands } from './commands-context';
import { ActivityBar, ErrorText, NumberField, SelectField } from './fields';
import { ModelSummary } from './ModelSummary';
import { PretrainedPicker } from './PretrainedPicker';

// Short enough for the select at 800 px; the hint under each says more.
const COLORIZERS = [
  ['coloru', 'ColorU (193 k)'],
  ['deconv', 'DECONV (597 k)'],
  ['pixelshuffle', 'PixelShuffle (599 k)'],
  ['replicate', 'Gray replication (none)'],
] as const;
const BACKBONES = [
  ['resnet18', 'ResNet18 (11.2 M)'],
  ['densenet121', 'DenseNet121 (7.0 M)'],
  ['squeezenet1_1', 'SqueezeNet 1.1 (0.7 M)'],
] as const;
const WIDTHS = [
  ['1', 'Full (the paper)'],
  ['0.5', '½'],
  ['0.25', '¼'],
  ['0.125', '⅛ (quick tests)'],
] as const;
const SIZES = ['32', '64', '128', '224', '256', '320'].map((s) => [s, `${s} px`] as const);

export function ModelStep() {
  const { spec, busy, error } = useStudio(useShallow(fieldsOf('model', 'spec', 'busy', 'error')));
  const setModelSpec = useStudio((s) => s.setModelSpec);
  const { buildModel } = useCommands();
  return (
    <>
      <fieldset className="card">
        <legend>Network: T → E → C</legend>
        <div className="fields">
          <SelectField
            label="Colorization module (T)"
            value={spec.colorizer}
            options={COLORIZERS}
            onChange={(colorizer) => setModelSpec({ colorizer })}
            hint="Learned parameters in brackets; gray replication is the Baselines'."
          />
          <SelectField
            label="Backbone (E)"
            value={spec.backbone}
            options={BACKBONES}
            onChange={(backbone) => setModelSpec({ backbone })}
            hint="ImageNet-pretrained; SqueezeNet's weights also load from a local file."
          />
          <SelectField
            label="Width multiplier"
            value={String(spec.widthMultiplier)}
            options={WIDTHS}
            onChange={(w) => setModelSpec({ widthMultiplier: Number(w) })}
            hint="Below 1 shrinks every layer of E: ImageNet weights then no longer fit."
          />
          <SelectField
            label="Input size"
            value={String(spec.inputSize)}
            options={SIZES}
            onChange={(s) => setModelSpec({ inputSize: Number(s) })}
            hint="The paper uses 320 px; smaller trains faster."
          />
          <NumberField
            label="Model seed"
            value={spec.seed}
            step={1}
            onChange={(seed) => setModelSpec({ seed })}
            hint="Initializes T and C (and E when random)."
          />
        </div>
        <PretrainedPicker />
        <ActionButton icon={Hammer} onClick={buildModel} busy={busy} busyLabel="Building…">
          Build model
        </ActionButton>
        <ActivityBar />
        <ErrorText error={error} />
      </fieldset>
      <ModelSummary />
    </>
  );
}
