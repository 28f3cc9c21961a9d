// Wizard step 2: the colorization module T, the backbone E, their size, and E's weights.
import { useShallow } from 'zustand/react/shallow';
import { fieldsOf } from '../state/selectors';
import { useStudio } from '../state/store';
import { useCommands } from './commands-context';
import { ActivityBar, ErrorText, NumberField, SelectField } from './fields';
import { ModelSummary } from './ModelSummary';
import { PretrainedPicker } from './PretrainedPicker';

const COLORIZERS = [
  ['coloru', 'ColorU — U-Net, 192,659 parameters'],
  ['deconv', 'DECONV — residual + transposed conv, 596,611'],
  ['pixelshuffle', 'PixelShuffle — residual + sub-pixel, 599,440'],
  ['replicate', 'Replicate — gray copied to RGB (the Baselines)'],
] as const;
const BACKBONES = [
  ['resnet18', 'ResNet18 (11.2 M)'],
  ['densenet121', 'DenseNet121 (7.0 M)'],
  ['squeezenet1_1', 'SqueezeNet 1.1 (0.7 M; ImageNet weights from torchvision or a local file)'],
] as const;
const WIDTHS = [
  ['1', '1 — the paper'],
  ['0.5', '½'],
  ['0.25', '¼'],
  ['0.125', '⅛ — tests and weak devices'],
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
          />
          <SelectField
            label="Backbone (E)"
            value={spec.backbone}
            options={BACKBONES}
            onChange={(backbone) => setModelSpec({ backbone })}
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
        <button type="button" onClick={buildModel} disabled={busy} aria-busy={busy}>
          {busy ? 'Building…' : 'Build model'}
        </button>
        <ActivityBar />
        <ErrorText error={error} />
      </fieldset>
      <ModelSummary />
    </>
  );
}
