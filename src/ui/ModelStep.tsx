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
            hint="Learned parameters in brackets."
            more="ColorU, DECONV and PixelShuffle are the paper's three colorization modules; gray replication copies the X-ray to R, G and B, as the Baselines do."
          />
          <SelectField
            label="Backbone (E)"
            value={spec.backbone}
            options={BACKBONES}
            onChange={(backbone) => setModelSpec({ backbone })}
            hint="Parameters in brackets."
            more="All three start from ImageNet weights (below); SqueezeNet 1.1's also load from a local file."
          />
          <SelectField
            label="Width multiplier"
            value={String(spec.widthMultiplier)}
            options={WIDTHS}
            onChange={(w) => setModelSpec({ widthMultiplier: Number(w) })}
            hint="Below full shrinks E."
            more="Every layer of E gets narrower: quicker, but ImageNet weights then no longer fit, so E starts random."
          />
          <SelectField
            label="Input size"
            value={String(spec.inputSize)}
            options={SIZES}
            onChange={(s) => setModelSpec({ inputSize: Number(s) })}
            hint="The paper: 320 px."
            more="Smaller images train much faster; 224 px is the default, a laptop GPU's compromise."
          />
          <NumberField
            label="Model seed"
            value={spec.seed}
            step={1}
            onChange={(seed) => setModelSpec({ seed })}
            hint="Initial T and C."
            more="The seed of T's and C's initial weights, and of E's when it starts random."
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
