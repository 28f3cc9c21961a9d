// Inference and training-mode outputs against PyTorch (scripts/fixtures/gen_model_fixtures.py):
// the TS side recomputes the same formula weights, loads them by PyTorch name, and must match.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFormulaWeights } from '../../../scripts/lib/formula-weights';
import { readFixture, relativeMaxError, toNhwc } from '../../../test/helpers/fixtures';
import { createBackbone, createColorizer, disposeStateDict } from './index';
import type { BackboneKind, ColorizerKind } from './kinds';
import type { Part } from './part';
import type { StateDict } from './state-dict';

const TOLERANCE = 1e-4; // of the reference output's scale
const measured: string[] = [];
afterAll(() => console.log(`PyTorch parity (max |Δ| / max |ref|):\n  ${measured.join('\n  ')}`));

/**
 * Worst error of the part's BN running statistics against the fixture's `after_train_step.*`
 * entries; throws when the fixture has none or the part lacks one, so the check cannot pass empty.
 */
function runningStatsError(fixture: StateDict, part: Part): number {
  const prefix = 'after_train_step.';
  const expected = Object.entries(fixture).filter(([name]) => name.startsWith(prefix));
  if (expected.length === 0) throw new Error('fixture has no running statistics');
  const stats = part.stateDict();
  try {
    return Math.max(
      ...expected.map(([name, ref]) => {
        const ours = stats[name.slice(prefix.length)];
        if (!ours) throw new Error(`no ${name.slice(prefix.length)} in the part`);
        return relativeMaxError(ours, ref);
      }),
    );
  } finally {
    disposeStateDict(stats);
  }
}

describe.each([
  'deconv',
  'pixelshuffle',
  'coloru',
] as ColorizerKind[])('colorizer %s vs PyTorch', (kind) => {
  it('matches in inference mode and in one training-mode step (output and BN statistics)', () => {
    const fixture = readFixture(`model/colorizer_${kind}.safetensors`);
    const colorizer = createColorizer(kind);
    loadFormulaWeights(colorizer);
    const x = toNhwc(fixture.input as tf.Tensor); // [2,64,64,1]

    const evalOut = colorizer.apply(x, false);
    const evalErr = relativeMaxError(evalOut, toNhwc(fixture.output_eval as tf.Tensor));
    const trainOut = colorizer.apply(x, true); // moves the running statistics once
    const trainErr = relativeMaxError(trainOut, toNhwc(fixture.output_train as tf.Tensor));
    const statsErr = runningStatsError(fixture, colorizer);
    measured.push(
      `${kind}: eval ${evalErr.toExponential(2)}, train ${trainErr.toExponential(2)}, BN stats ${statsErr.toExponential(2)}`,
    );
    expect(evalErr).toBeLessThan(TOLERANCE);
    expect(trainErr).toBeLessThan(TOLERANCE);
    expect(statsErr).toBeLessThan(TOLERANCE);
    tf.dispose([x, evalOut, trainOut]);
    disposeStateDict(fixture);
    colorizer.dispose();
  });
});

describe.each([
  'resnet18',
  'densenet121',
  'squeezenet1_1',
] as BackboneKind[])('backbone %s vs torchvision', (kind) => {
  it('gives the same pooled features in inference mode', () => {
    const fixture = readFixture(`model/backbone_${kind}.safetensors`);
    const backbone = createBackbone(kind);
    loadFormulaWeights(backbone);
    const x = toNhwc(fixture.input as tf.Tensor); // [2,64,64,3]
    const features = backbone.features(x, false);
    const err = relativeMaxError(features, fixture.features_eval as tf.Tensor);
    measured.push(`${kind}: eval features ${err.toExponential(2)}`);
    expect(err).toBeLessThan(TOLERANCE);
    if (kind === 'resnet18') {
      const trainFeatures = backbone.features(x, true);
      const trainErr = relativeMaxError(trainFeatures, fixture.features_train as tf.Tensor);
      const statsErr = runningStatsError(fixture, backbone);
      measured.push(
        `${kind}: train features ${trainErr.toExponential(2)}, BN stats ${statsErr.toExponential(2)}`,
      );
      expect(trainErr).toBeLessThan(TOLERANCE);
      expect(statsErr).toBeLessThan(TOLERANCE);
      trainFeatures.dispose();
    }
    tf.dispose([x, features]);
    disposeStateDict(fixture);
    backbone.dispose();
  });
});
