// The engine path the worker and the headless runner share: configs, the phantom demo through the
// CheXpert parser, tensor-flat stage switches, and runExperiment's records.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { CHEST_LABELS } from '../data/labels';
import { createNetwork } from '../model';
import { parseExperimentConfig } from './config';
import { phantomDataset, phantomDemo } from './demo-data';
import { runExperiment } from './experiment';
import { joinImages } from './labelled-images';
import { runStageSession } from './stage-session';

describe('parseExperimentConfig', () => {
  it('fills the defaults (three seeds, the whole set, the test split)', () => {
    const config = parseExperimentConfig({
      dataset: { kind: 'phantom', patients: 10, imageSize: 40, seed: 1 },
      chains: [{ colorizer: 'coloru', stages: [{ stage: 'colorModule' }] }],
    });
    expect(config.seeds).toEqual([0, 1, 2]);
    expect(config.subsets).toEqual([1]);
    expect(config.evaluateOn).toBe('test');
    expect(config.training.batchSize).toBe(16);
  });

  it('lists every problem at once', () => {
    const attempt = () =>
      parseExperimentConfig({
        dataset: { kind: 'nowhere' },
        backbone: 'vgg16',
        chains: [{ colorizer: 'rainbow', stages: [{ stage: 'warmup' }] }],
      });
    expect(attempt).toThrow(
      /dataset\.kind[\s\S]*backbone[\s\S]*colorizer[\s\S]*"warmup" is not a stage/,
    );
  });
});

describe('phantomDemo', () => {
  it('reads the phantom back through the CheXpert parser, split by patient', () => {
    const { index, images } = phantomDemo({ patients: 20, imageSize: 40, seed: 3 });
    expect(index.labels).toEqual([...CHEST_LABELS]);
    expect(index.items.length).toBeGreaterThan(20);
    for (const item of index.items) expect(images.has(item.path), item.path).toBe(true);
    const sides = new Map<string, Set<string>>();
    for (const item of index.items) {
      sides.set(item.patientId, (sides.get(item.patientId) ?? new Set()).add(item.split ?? ''));
    }
    expect([...sides.values()].every((s) => s.size === 1)).toBe(true);
    expect(new Set(index.items.map((i) => i.split))).toEqual(new Set(['train', 'valid', 'test']));
  });
});

describe('stage switches', () => {
  it('keep tf.memory().numTensors flat over 50 steps (Color Module then All)', async () => {
    const { index, images } = phantomDemo({ patients: 16, imageSize: 36, seed: 4 });
    const { data } = joinImages('phantom', index, (p) => images.get(p));
    const network = createNetwork({
      colorizer: 'coloru',
      backbone: 'resnet18',
      numClasses: 5,
      seed: 2,
      widthMultiplier: 0.125,
    });
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    for (const stage of ['colorModule', 'all'] as const) {
      await runStageSession({
        network,
        settings: {
          stage,
          iterations: 25,
          batchSize: 2,
          accumulation: 1,
          lrMax: 0.01,
          weightDecay: 1e-4,
          validateEvery: 5,
          seed: 1,
        },
        train: data.splits.train,
        valid: data.splits.valid.slice(0, 4),
        inputSize: 32,
        hooks: { afterValidation: async () => void counts.push(tf.memory().numTensors) },
      });
    }
    // Within a stage every validation sees the same count; across stages only C was replaced.
    expect(new Set(counts.slice(0, 5)).size).toBe(1);
    expect(new Set(counts.slice(5)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    network.dispose();
  }, 300_000);
});

describe('runExperiment', () => {
  it('writes one record per stage and seed, named as the report tables expect', async () => {
    const config = parseExperimentConfig({
      name: 'tiny',
      dataset: { kind: 'phantom', patients: 12, imageSize: 40, seed: 1 },
      inputSize: 32,
      widthMultiplier: 0.125,
      seeds: [0, 1],
      chains: [
        {
          colorizer: 'replicate',
          stages: [{ stage: 'baseline' }],
        },
      ],
      training: { iterations: 2, batchSize: 4, validateEvery: 1, augment: true },
    });
    const demo = phantomDataset(config.dataset as never);
    const data = { name: 'phantom', index: demo.index, imageOf: (p: string) => demo.images.get(p) };
    const lines: string[] = [];
    const reports = await runExperiment(config, data, {
      backend: 'cpu',
      log: (line) => lines.push(line),
    });
    // A progress line per validation (steps 1 and 2 of each run), then the stage's summary.
    expect(
      lines.filter((l) => /Baseline step [12]\/2: validation mean AUC \d\.\d{3}/.test(l)),
    ).toHaveLength(4);
    expect(reports.map((r) => [r.record.procedure, r.record.seed])).toEqual([
      ['Baseline', 0],
      ['Baseline', 1],
    ]);
    for (const r of reports) {
      expect(r.record.colorizer).toBeUndefined();
      expect(r.record.labels).toEqual([...CHEST_LABELS]);
      expect(r.pretrained).toEqual({ kind: 'random-init', seed: r.record.seed });
      // Baseline: only C trains (5 labels × (64 features + 1)).
      expect(r.trainedParameters).toBe(5 * 65);
      expect(r.settings.iterations).toBe(2);
    }
    // Seeds share no state, so seed 1 alone (the runner's --seeds 1) scores as it did after seed 0.
    const [alone] = await runExperiment({ ...config, seeds: [1] }, data, { backend: 'cpu' });
    expect(alone?.record.perLabelAuc).toEqual(reports[1]?.record.perLabelAuc);
    expect(alone?.validationMeanAuc).toBe(reports[1]?.validationMeanAuc);
    expect(reports[0]?.validationMeanAuc).not.toBe(reports[1]?.validationMeanAuc); // seeds matter
  }, 120_000);
});
