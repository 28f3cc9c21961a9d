// Export and re-import of modules: bit-exact round trips for every scope, the bundle, the card's
// fields and test vectors, refusals (wrong architecture, malformed bundles) that leave the network
// as it was, and no leaked tensor.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createNetwork, type Network, type NetworkOptions } from '../model/network';
import { disposeStateDict } from '../model/state-dict';
import { exportModule, scopeStateDict } from './export';
import { importModuleFile } from './import-module';
import {
  CARD_METADATA_KEY,
  decodeFloat32,
  type ExportScope,
  type ModelCardInput,
  parseModelCard,
} from './model-card';
import { writeSafetensors } from './safetensors';
import { readZipRecords } from './zip';
import { writeStoredZip } from './zip-write';

const ARCH: NetworkOptions = {
  colorizer: 'coloru',
  backbone: 'resnet18',
  numClasses: 3,
  widthMultiplier: 0.125,
};
const CARD: ModelCardInput = {
  widthMultiplier: 0.125,
  inputSize: 64,
  labels: ['Atelectasis', 'Cardiomegaly', 'Edema'],
  uncertaintyPolicies: { Atelectasis: 'ones', Cardiomegaly: 'zeros' },
  stageHistory: [{ stage: 'colorModule', iterations: 10 }],
  seeds: { run: 1 },
  dataset: { name: 'phantom', items: 40 },
  metrics: { validationMeanAuc: 0.5 },
  pretrained: { kind: 'random-init', seed: 1 },
};

/** Bit patterns of every entry of `scope`, to compare networks exactly. */
function bits(network: Network, scope: ExportScope): Record<string, number[]> {
  const sd = scopeStateDict(network, scope);
  const out = Object.fromEntries(
    Object.entries(sd).map(([n, t]) => [
      n,
      Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer)),
    ]),
  );
  disposeStateDict(sd);
  return out;
}

async function withNetworks(
  run: (a: Network, b: Network) => void | Promise<void>,
  bOptions: Partial<NetworkOptions> = {},
): Promise<void> {
  const a = createNetwork({ ...ARCH, seed: 1 });
  const b = createNetwork({ ...ARCH, seed: 2, ...bOptions });
  const before = tf.memory().numTensors;
  try {
    await run(a, b);
    expect(tf.memory().numTensors).toBe(before);
  } finally {
    a.dispose();
    b.dispose();
  }
}

describe('export → import round trip', () => {
  it.each([
    'colorizer',
    'colorizer+backbone',
    'network',
  ] as const)('%s: bit-exact, test vectors reproduced', (scope) =>
    withNetworks(async (a, b) => {
      const exported = await exportModule(a, scope, CARD);
      const untouched = scope === 'colorizer' ? bits(b, 'network') : {};
      const summary = await importModuleFile(b, exported.safetensors, exported.fileName);
      expect(summary.scope).toBe(scope);
      expect(bits(b, scope)).toEqual(bits(a, scope));
      expect(summary.testVectors).toEqual({ count: 2, maxError: 0 });
      if (scope === 'colorizer') {
        for (const [name, value] of Object.entries(bits(b, 'network'))) {
          if (!name.startsWith('deco.')) expect(value, name).toEqual(untouched[name]);
        }
      }
    }));

  it('names entries as the authors modules: bare colorizer names, deco./pt_model. otherwise', () =>
    withNetworks((a) => {
      expect(Object.keys(bits(a, 'colorizer'))).toContain('dw1.d.0.weight');
      const wrapped = Object.keys(bits(a, 'network'));
      expect(wrapped).toContain('deco.out.u.4.bias');
      expect(wrapped).toContain('pt_model.layer4.1.bn2.running_var');
      expect(wrapped).toContain('pt_model.fc.weight');
      expect(Object.keys(bits(a, 'colorizer+backbone'))).not.toContain('pt_model.fc.weight');
    }));

  it('reads the bundle, a lone file without card, and a card picked beside it', () =>
    withNetworks(async (a, b) => {
      const exported = await exportModule(a, 'network', CARD);
      const records = readZipRecords(exported.bundle(), 'bundle.zip');
      expect([...records.keys()]).toEqual([
        exported.fileName,
        exported.fileName.replace('.safetensors', '.card.json'),
      ]);
      expect(
        (await importModuleFile(b, exported.bundle(), 'bundle.zip')).testVectors?.maxError,
      ).toBe(0);

      const sd = scopeStateDict(a, 'network');
      const bare = writeSafetensors(sd);
      disposeStateDict(sd);
      const plain = await importModuleFile(b, bare, 'bare.safetensors');
      expect(plain.card).toBeUndefined();
      expect(plain.testVectors).toBeUndefined();
      const cardJson = JSON.stringify(exported.card);
      expect(
        (await importModuleFile(b, bare, 'bare.safetensors', { cardJson })).testVectors?.maxError,
      ).toBe(0);
    }));

  it("loads a colorizer saved from the authors' wrapper (only deco. names)", () =>
    withNetworks(async (a, b) => {
      const sd = scopeStateDict(a, 'colorizer+backbone');
      const deco = Object.fromEntries(Object.entries(sd).filter(([n]) => n.startsWith('deco.')));
      const bytes = writeSafetensors(deco);
      disposeStateDict(sd);
      const summary = await importModuleFile(b, bytes, 'deco.safetensors');
      expect(summary.scope).toBe('colorizer');
      expect(bits(b, 'colorizer')).toEqual(bits(a, 'colorizer'));
    }));

  it('keeps our head for a new dataset (skipHead) and reports the file head as ignored', () =>
    withNetworks(
      async (a, b) => {
        const exported = await exportModule(a, 'network', CARD);
        const summary = await importModuleFile(b, exported.safetensors, 'a.safetensors', {
          skipHead: true,
        });
        const counters = summary.ignored.filter((n) => n.endsWith('.num_batches_tracked'));
        expect(counters.length).toBeGreaterThan(10);
        expect(summary.ignored.filter((n) => !counters.includes(n)).sort()).toEqual([
          'pt_model.fc.bias',
          'pt_model.fc.weight',
        ]);
        expect(summary.testVectors).toBeUndefined();
        expect(bits(b, 'colorizer+backbone')).toEqual(bits(a, 'colorizer+backbone'));
      },
      { numClasses: 1 },
    ));
});

describe('the model card', () => {
  it('carries architecture, normalization, labels, history and the random-init flag', () =>
    withNetworks(async (a) => {
      const { card, safetensors } = await exportModule(a, 'network', CARD);
      expect(card.architecture).toEqual({
        colorizer: 'coloru',
        backbone: 'resnet18',
        widthMultiplier: 0.125,
        numClasses: 3,
        featureSize: 64,
      });
      expect(card.pretrained).toEqual({ kind: 'random-init', seed: 1 });
      expect(card.backboneWeights).toBe('NOT PRETRAINED (random initialization, seed 1)');
      expect(card.normalization.gray).toMatchObject({ mean: 0.5028, std: 0.2902 });
      expect(card.normalization.imagenet).toBeUndefined();
      expect(card.labels).toEqual(CARD.labels);
      expect(card.testVectorOutput).toBe('logits');
      expect(card.testVectors[0]?.output.shape).toEqual([1, 3]);
      expect(card.testVectors[0]?.input.shape).toEqual([1, 1, 32, 32]);
      const header = new TextDecoder().decode(
        safetensors.subarray(8, 8 + Number(new DataView(safetensors.buffer).getBigUint64(0, true))),
      );
      const embedded = parseModelCard(JSON.parse(header).__metadata__[CARD_METADATA_KEY]);
      expect(embedded).toEqual(JSON.parse(JSON.stringify(card)));
    }));

  it('records an ImageNet start with its source and the ImageNet statistics', () =>
    withNetworks(async (a) => {
      const pretrained = {
        kind: 'imagenet',
        source: 'timm/resnet18.tv_in1k',
        fileName: 'model.safetensors',
        sha256: 'ab'.repeat(32),
      } as const;
      const { card } = await exportModule(a, 'colorizer+backbone', { ...CARD, pretrained });
      expect(card.pretrained).toEqual(pretrained);
      expect(card.backboneWeights).toBe(`PRETRAINED (ImageNet, ${pretrained.fileName})`);
      expect(card.normalization.imagenet?.mean).toEqual([0.485, 0.456, 0.406]);
      expect(card.testVectors[1]?.output.shape).toEqual([1, 64]);
    }));

  it('test vectors really check the port: a changed expected value shows as an error', () =>
    withNetworks(async (a, b) => {
      const { card, safetensors } = await exportModule(a, 'colorizer', CARD);
      const vector = card.testVectors[0];
      if (!vector) throw new Error('no test vector');
      const values = decodeFloat32(vector.output);
      values[5] = (values[5] ?? 0) + 0.5;
      const changed = {
        ...card,
        testVectors: [
          {
            ...vector,
            output: { ...vector.output, base64: Buffer.from(values.buffer).toString('base64') },
          },
        ],
      };
      const summary = await importModuleFile(b, safetensors, 'x.safetensors', {
        cardJson: JSON.stringify(changed),
      });
      expect(summary.testVectors?.maxError).toBeGreaterThan(1e-3);
    }));
});

describe('import refuses, naming the file, and leaves the network unchanged', () => {
  it('a DECONV + DenseNet121 export into ColorU + ResNet18', () =>
    withNetworks(async (_, b) => {
      const other = createNetwork({
        colorizer: 'deconv',
        backbone: 'densenet121',
        numClasses: 3,
        widthMultiplier: 0.125,
        seed: 3,
      });
      const exported = await exportModule(other, 'network', { ...CARD, widthMultiplier: 0.125 });
      other.dispose();
      const before = bits(b, 'network');
      await expect(importModuleFile(b, exported.bundle(), 'deconv-densenet.zip')).rejects.toThrow(
        /^deconv-densenet\.zip: deconv weights cannot load into this coloru \+ resnet18 network as a colorizer\+backbone export: \d+ unexpected, \d+ missing(, \d+ wrong-shaped)? tensors; \d+ card fields differ \(nothing loaded\)\n {2}card: scope is network, this network has colorizer\+backbone\n {2}card: colorizer is deconv, this network has coloru[\s\S]*missing dw1\.d\.0\.weight[\s\S]*unexpected conv1\.weight/,
      );
      expect(bits(b, 'network')).toEqual(before);
    }));

  it('a ColorU colorizer into a replicate network: one summary line, then the list', async () => {
    const options = {
      backbone: 'resnet18',
      numClasses: 3,
      widthMultiplier: 0.125,
      seed: 1,
    } as const;
    const coloru = createNetwork({ ...options, colorizer: 'coloru' });
    const replicate = createNetwork({ ...options, colorizer: 'replicate' });
    const exported = await exportModule(coloru, 'colorizer', { ...CARD, widthMultiplier: 0.125 });
    const tensors = scopeStateDict(coloru, 'colorizer');
    const count = Object.keys(tensors).length;
    disposeStateDict(tensors);
    await expect(importModuleFile(replicate, exported.bundle(), 'coloru.zip')).rejects.toThrow(
      new RegExp(
        `^coloru\\.zip: coloru weights cannot load into this replicate \\+ resnet18 network as a ` +
          `colorizer export: ${count} unexpected tensors; 1 card field differs \\(nothing loaded\\)\n {2}`,
      ),
    );
    coloru.dispose();
    replicate.dispose();
  });

  it('a shape mismatch alone (same names, other width)', () =>
    withNetworks(
      async (a, b) => {
        const exported = await exportModule(a, 'colorizer+backbone', CARD);
        await expect(
          importModuleFile(b, exported.safetensors, 'narrow.safetensors'),
        ).rejects.toThrow(
          /^narrow\.safetensors: [\s\S]*card: feature size is 64, this network has 128[\s\S]*wrong shape for conv1\.weight: file has \[8,3,7,7\], model expects \[16,3,7,7\]/,
        );
      },
      { widthMultiplier: 0.25 },
    ));

  it.each([
    [
      'a ZIP with two weights files',
      () =>
        writeStoredZip([
          { name: 'a.safetensors', data: new Uint8Array(16) },
          { name: 'b.safetensors', data: new Uint8Array(16) },
        ]),
      /neither a torch\.save checkpoint \(no data\.pkl\) nor an export bundle .*holds a\.safetensors, b\.safetensors/,
    ],
    [
      'a ZIP with only a card',
      () => writeStoredZip([{ name: 'm.card.json', data: new Uint8Array(2) }]),
      /nor an export bundle/,
    ],
    [
      'a truncated bundle',
      async (n: Network) => (await exportModule(n, 'colorizer', CARD)).bundle().subarray(0, 5000),
      /not a complete ZIP archive/,
    ],
    [
      'a bundle whose card is not JSON',
      async (n: Network) => {
        const e = await exportModule(n, 'colorizer', CARD);
        return writeStoredZip([
          { name: e.fileName, data: e.safetensors },
          { name: 'm.card.json', data: new TextEncoder().encode('{oops') },
        ]);
      },
      /model card is not valid JSON/,
    ],
    [
      'a bundle whose weights are damaged',
      () => writeStoredZip([{ name: 'm.safetensors', data: new Uint8Array(40).fill(0x7b) }]),
      /header/,
    ],
  ])('%s', (_, make, fault) =>
    withNetworks(async (a, b) => {
      const bytes = await make(a);
      const before = bits(b, 'network');
      const count = tf.memory().numTensors;
      await expect(importModuleFile(b, bytes, 'upload.zip')).rejects.toThrow(
        new RegExp(`^upload\\.zip: [\\s\\S]*${fault.source}`),
      );
      expect(tf.memory().numTensors).toBe(count);
      expect(bits(b, 'network')).toEqual(before);
    }));

  it('exporting the weightless replicate colorizer alone', async () => {
    const n = createNetwork({ ...ARCH, colorizer: 'replicate' });
    await expect(exportModule(n, 'colorizer', CARD)).rejects.toThrow(
      /replicate colorizer has no weights/,
    );
    n.dispose();
  });
});
