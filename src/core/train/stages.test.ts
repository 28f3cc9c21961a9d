import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ColorizerKind, createNetwork, disposeStateDict, type Network } from '../model';
import type { StateDict } from '../model/state-dict';
import { Sgd } from './sgd';
import { applyStage, STAGE_ORDER, STAGES, type StageId, stageProblems } from './stages';
import { trainStep } from './step';

function tinyNetwork(colorizer: ColorizerKind): Network {
  return createNetwork({
    colorizer,
    backbone: 'resnet18',
    numClasses: 2,
    seed: 5,
    widthMultiplier: 0.125,
  });
}

function snapshot(sd: StateDict): Map<string, Float32Array> {
  const out = new Map(Object.entries(sd).map(([k, v]) => [k, v.dataSync() as Float32Array]));
  disposeStateDict(sd);
  return out;
}

function changedEntries(before: Map<string, Float32Array>, after: Map<string, Float32Array>) {
  return [...before].filter(([k, v]) => !after.get(k)?.every((x, i) => x === v[i])).map(([k]) => k);
}

const names = (variables: tf.Variable[]) => variables.map((v) => v.name);

// SPEC §3's table: which of T, E, C train in each stage.
const TRAINS: Record<StageId, [boolean, boolean, boolean]> = {
  baseline: [false, false, true],
  baselineAll: [false, true, true],
  colorModule: [true, false, true],
  all: [true, true, true],
  lastLayer: [false, false, true],
  transferAll: [true, true, true],
};

describe('STAGES table', () => {
  it('matches SPEC §3 and lists every stage once, in the wizard order', () => {
    expect([...STAGE_ORDER].sort()).toEqual(Object.keys(STAGES).sort());
    for (const id of STAGE_ORDER) {
      const { parts, colorizer, description } = STAGES[id];
      expect(STAGES[id].id).toBe(id);
      expect([parts.colorizer.train, parts.backbone.train, parts.classifier.train]).toEqual(
        TRAINS[id],
      );
      expect(parts.classifier.source).toBe('new');
      expect(colorizer).toBe(id.startsWith('baseline') ? 'replicate' : 'learned');
      expect(description.length).toBeGreaterThan(40);
    }
    expect(STAGES.colorModule.parts.colorizer.source).toBe('new');
    expect(STAGES.all.continues).toBe('colorModule');
    expect(STAGES.lastLayer.parts.backbone.source).toBe('imported');
  });
});

describe('applyStage', () => {
  const networks = new Map<'replicate' | 'coloru', Network>();
  const partVariables = new Map<'replicate' | 'coloru', { t: string[]; e: string[] }>();
  beforeAll(() => {
    for (const kind of ['replicate', 'coloru'] as const) {
      const network = tinyNetwork(kind);
      networks.set(kind, network);
      partVariables.set(kind, {
        t: names(network.colorizer.trainableVariables()),
        e: names(network.backbone.trainableVariables()),
      });
    }
  });
  afterAll(() => {
    for (const network of networks.values()) network.dispose();
  });

  it.each(STAGE_ORDER.map((id) => [id]))('%s: exactly the training parts are trainable', (id) => {
    const kind = STAGES[id].colorizer === 'replicate' ? 'replicate' : 'coloru';
    const network = networks.get(kind) as Network;
    const { t, e } = partVariables.get(kind) as { t: string[]; e: string[] };
    const oldHead = names(network.classifier.trainableVariables());
    applyStage(network, id, { seed: 1 });
    const head = names(network.classifier.trainableVariables());
    expect(head).toHaveLength(2); // fc.weight, fc.bias
    expect(head.some((name) => oldHead.includes(name))).toBe(false); // C is new
    const [trainsT, trainsE] = TRAINS[id];
    expect(names(network.trainableVariables())).toEqual([
      ...(trainsT ? t : []),
      ...(trainsE ? e : []),
      ...head,
    ]);
    expect(network.colorizer.frozen).toBe(!trainsT);
    expect(network.backbone.frozen).toBe(!trainsE);
    expect(network.classifier.frozen).toBe(false);
  });

  it('refuses a colorizer that does not suit the stage', () => {
    const replicate = networks.get('replicate') as Network;
    expect(() => applyStage(replicate, 'colorModule', { seed: 1 })).toThrow(
      /gray replication has none/,
    );
    const coloru = networks.get('coloru') as Network;
    expect(() => applyStage(coloru, 'baseline', { seed: 1 })).toThrow(
      /needs gray replication as T, not ColorU/,
    );
  });

  it('gives each stage of a run its own new classifier, reproducibly', () => {
    const network = networks.get('coloru') as Network;
    const head = () => Array.from(snapshot(network.classifier.stateDict()).get('fc.weight') ?? []);
    applyStage(network, 'colorModule', { seed: 3 });
    const colorModuleHead = head();
    applyStage(network, 'all', { seed: 3 });
    expect(head()).not.toEqual(colorModuleHead);
    applyStage(network, 'colorModule', { seed: 3 });
    expect(head()).toEqual(colorModuleHead);
  });
});

describe('a Color Module step', () => {
  it('leaves E bit-identical (weights and BN statistics) while T and its statistics move', () => {
    const network = tinyNetwork('coloru');
    applyStage(network, 'colorModule', { seed: 2 });
    const backboneBefore = snapshot(network.backbone.stateDict());
    const colorizerBefore = snapshot(network.colorizer.stateDict());
    const sgd = new Sgd(network.trainableVariables());
    const batch = tf.tidy(() => ({
      x: tf.randomNormal([4, 32, 32, 1], 0, 1, 'float32', 9) as tf.Tensor4D,
      targets: tf.tensor2d([1, 0, 0, 1, 1, 1, 0, 0], [4, 2]),
      mask: tf.ones([4, 2]) as tf.Tensor2D,
    }));
    trainStep(network, sgd, batch, { lr: 0.05, momentum: 0.9, weightDecay: 1e-4 }).dispose();

    expect(changedEntries(backboneBefore, snapshot(network.backbone.stateDict()))).toEqual([]);
    const changed = changedEntries(colorizerBefore, snapshot(network.colorizer.stateDict()));
    const statistics = [...colorizerBefore.keys()].filter((k) => k.includes('running_'));
    expect(statistics.length).toBeGreaterThan(0);
    expect(changed).toEqual(expect.arrayContaining(statistics));
    expect(changed.length).toBe(colorizerBefore.size);
    tf.dispose([batch.x, batch.targets, batch.mask]);
    sgd.dispose();
    network.dispose();
  });
});

describe('stageProblems', () => {
  const fresh = { previousStage: null, hasImportedWeights: false } as const;

  it('accepts the paper procedures', () => {
    expect(stageProblems('baseline', { colorizer: 'replicate', ...fresh })).toEqual([]);
    expect(stageProblems('baselineAll', { colorizer: 'replicate', ...fresh })).toEqual([]);
    expect(stageProblems('colorModule', { colorizer: 'pixelshuffle', ...fresh })).toEqual([]);
    const afterM = { colorizer: 'pixelshuffle', previousStage: 'colorModule' } as const;
    expect(stageProblems('all', { ...afterM, hasImportedWeights: false })).toEqual([]);
    const imported = {
      colorizer: 'deconv',
      previousStage: null,
      hasImportedWeights: true,
    } as const;
    expect(stageProblems('lastLayer', imported)).toEqual([]);
    expect(stageProblems('transferAll', imported)).toEqual([]);
  });

  it('explains what is missing and what to do', () => {
    expect(stageProblems('colorModule', { colorizer: 'replicate', ...fresh })).toEqual([
      'Color Module needs a learned colorization module, and gray replication has none. Choose ColorU, DECONV or PixelShuffle (or a Baseline stage to compare without one).',
    ]);
    expect(stageProblems('baseline', { colorizer: 'coloru', ...fresh })[0]).toMatch(
      /Baseline copies the gray image .* not ColorU\./,
    );
    expect(stageProblems('all', { colorizer: 'coloru', ...fresh })).toEqual([
      'All fine-tunes the colorization module and backbone that a Color Module stage produced, but this run has none yet. Run Color Module first.',
    ]);
    expect(
      stageProblems('all', {
        colorizer: 'coloru',
        previousStage: 'all',
        hasImportedWeights: false,
      }),
    ).toEqual([expect.stringMatching(/the previous stage was All\. Run Color Module first/)]);
    expect(stageProblems('lastLayer', { colorizer: 'coloru', ...fresh })).toEqual([
      "Last Layer starts from the colorization module and backbone of an earlier run. Import that run's weights file (the export of a Color Module or All stage) first.",
    ]);
    expect(
      stageProblems('baseline', {
        colorizer: 'replicate',
        previousStage: 'baselineAll',
        hasImportedWeights: false,
      }),
    ).toEqual([
      'Baseline starts from the ImageNet backbone, but this network was already trained by Baseline All. Start the stage from a new network.',
    ]);
  });

  it('reports every problem at once', () => {
    const problems = stageProblems('lastLayer', { colorizer: 'replicate', ...fresh });
    expect(problems).toHaveLength(2);
  });
});
