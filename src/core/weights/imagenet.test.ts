// ImageNet backbone import through files (Must show 1): a torchvision-layout safetensors file per
// backbone, written at test time from the formula weights of scripts/fixtures/formula_weights.py
// with its 1000-class head, gives torchvision's features (test/fixtures/model/backbone_*).
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { formulaValue } from '../../../scripts/lib/formula-weights';
import { readFixture, relativeMaxError, toNhwc } from '../../../test/helpers/fixtures';
import { sharedFile } from '../../../test/helpers/shared';
import { createBackbone } from '../model/backbones';
import type { BackboneKind } from '../model/kinds';
import { disposeStateDict, type StateDict } from '../model/state-dict';
import { IMAGENET_SOURCES, loadImageNetBackbone } from './imagenet';
import { writeSafetensors } from './safetensors';

const measured: string[] = [];
afterAll(() =>
  console.log(`ImageNet import parity (max |Δ| / max |ref|):\n  ${measured.join('\n  ')}`),
);

const HEADS: Record<BackboneKind, [string, number[]][]> = {
  resnet18: [
    ['fc.weight', [1000, 512]],
    ['fc.bias', [1000]],
  ],
  densenet121: [
    ['classifier.weight', [1000, 1024]],
    ['classifier.bias', [1000]],
  ],
  squeezenet1_1: [
    ['classifier.1.weight', [1000, 512, 1, 1]],
    ['classifier.1.bias', [1000]],
  ],
};

/** torchvision's state dict of `kind` filled by the formula, head included, names renamed. */
function torchvisionFile(kind: BackboneKind, rename: (name: string) => string): Uint8Array {
  const names = createBackbone(kind, { widthMultiplier: 1 });
  const shapes = Object.entries(names.stateDict()).map(([n, t]): [string, number[]] => {
    t.dispose();
    return [n, t.shape];
  });
  names.dispose();
  const sd: StateDict = {};
  for (const [name, shape] of [...shapes, ...HEADS[kind]]) {
    sd[rename(name)] = tf.tensor(formulaValue(name, shape), shape);
  }
  const bytes = writeSafetensors(sd, { format: 'pt' });
  disposeStateDict(sd);
  return bytes;
}

/** torchvision < 0.3 DenseNet names: `denselayer1.norm1.weight` → `denselayer1.norm.1.weight`. */
const legacyDenseNet = (n: string) => n.replace(/(denselayer\d+\.(?:norm|conv))([12])\./, '$1.$2.');

describe.each([
  ['resnet18', (n: string) => n, 'torchvision names'],
  ['densenet121', legacyDenseNet, 'legacy DenseNet names'],
  ['squeezenet1_1', (n: string) => `module.${n}`, "DataParallel's module. prefix"],
] as const)('%s from a torchvision-layout safetensors file', (kind, rename, variant) => {
  it(`gives torchvision's features (${variant}, head ignored)`, () => {
    const before = tf.memory().numTensors;
    const bytes = torchvisionFile(kind, rename);
    const backbone = createBackbone(kind, { seed: 99 });
    const summary = loadImageNetBackbone(backbone, bytes, `${kind}.safetensors`);
    expect(summary.format).toBe('safetensors');
    expect(summary.ignored.sort()).toEqual(HEADS[kind].map(([n]) => n).sort()); // renamed
    const fixture = readFixture(`model/backbone_${kind}.safetensors`);
    const features = tf.tidy(() => backbone.features(toNhwc(fixture.input as tf.Tensor), false));
    const err = relativeMaxError(features, fixture.features_eval as tf.Tensor);
    measured.push(`${kind} (${variant}): ${err.toExponential(2)}`);
    expect(err).toBeLessThan(1e-4);
    features.dispose();
    disposeStateDict(fixture);
    backbone.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('loadImageNetBackbone refuses what does not fit', () => {
  it('loads nothing from a ResNet18 file into DenseNet121 or a width-reduced ResNet18', () => {
    const bytes = torchvisionFile('resnet18', (n) => n);
    for (const [kind, width] of [
      ['densenet121', 1],
      ['resnet18', 0.5],
    ] as const) {
      const backbone = createBackbone(kind, { seed: 5, widthMultiplier: width });
      const reference = backbone.stateDict();
      const before = tf.memory().numTensors;
      expect(() => loadImageNetBackbone(backbone, bytes, 'resnet18.tv_in1k.safetensors')).toThrow(
        kind === 'densenet121'
          ? /^resnet18\.tv_in1k\.safetensors: does not fit densenet121 \(nothing loaded\):\n {2}.*missing features\.conv0\.weight[\s\S]*unexpected conv1\.weight/
          : /^resnet18\.tv_in1k\.safetensors: does not fit resnet18[\s\S]*wrong shape for conv1\.weight: file has \[64,3,7,7\], model expects \[32,3,7,7\]/,
      );
      expect(tf.memory().numTensors).toBe(before);
      const after = backbone.stateDict();
      for (const [name, value] of Object.entries(reference)) {
        expect(
          tf
            .equal(value, after[name] as tf.Tensor)
            .all()
            .dataSync()[0],
          name,
        ).toBe(1);
      }
      disposeStateDict(reference);
      disposeStateDict(after);
      backbone.dispose();
    }
  });
});

describe('ImageNet sources', () => {
  it("lists SPEC §2's published files with torchvision's sha256 prefixes", () => {
    const urls = IMAGENET_SOURCES.flatMap((s) => (s.url ? [s.url] : []));
    expect(urls).toContain(
      'https://huggingface.co/timm/resnet18.tv_in1k/resolve/main/model.safetensors',
    );
    expect(urls).toContain('https://download.pytorch.org/models/densenet121-a639ec97.pth');
    const prefixes = IMAGENET_SOURCES.map((s) => s.sha256Prefix).filter(Boolean);
    expect(prefixes).toEqual(['f37072fd', 'a639ec97', 'b8a52dc0']);
    for (const kind of ['resnet18', 'densenet121', 'squeezenet1_1']) {
      expect(IMAGENET_SOURCES.some((s) => s.backbone === kind && s.url)).toBe(true);
    }
  });

  const weights = sharedFile('data/imagenet-squeezenet1_1/squeezenet1_1_imagenet.safetensors');
  it.skipIf(!weights)('loads the real SqueezeNet 1.1 file, keeping its head when asked', () => {
    const backbone = createBackbone('squeezenet1_1');
    const bytes = new Uint8Array(readFileSync(weights as string));
    const summary = loadImageNetBackbone(backbone, bytes, 'squeezenet1_1_imagenet.safetensors', {
      keepHead: true,
      source: 'shared/squeezenet1_1_imagenet',
    });
    expect(summary.loaded).toHaveLength(50);
    expect(summary.ignored).toEqual([]);
    expect(Object.keys(summary.head ?? {}).sort()).toEqual([
      'classifier.1.bias',
      'classifier.1.weight',
    ]);
    expect(summary.head?.['classifier.1.weight']?.shape).toEqual([1000, 512, 1, 1]);
    expect(summary.source).toBe('shared/squeezenet1_1_imagenet');
    disposeStateDict(summary.head ?? {});
    backbone.dispose();
  });
});
