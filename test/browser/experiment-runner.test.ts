// The headless runner's --browser mode through its real command line: a tiny phantom experiment
// in Chromium on WebGPU (SwiftShader), the reports written as the Node path writes them; the
// ImageNet file carried to the page; --backend webgpu-node (Dawn in Node) scoring as Chromium does;
// and the Node → page data blob round trip.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeExperimentBlob, encodeExperimentBlob } from '../../scripts/experiment/browser-blob';
import { runExperimentCli } from '../../scripts/experiment/cli';
import type { GrayPixels } from '../../src/core/data/memory-feed';
import type { StageRunReport } from '../../src/core/experiment/experiment';
import { sharedFile } from '../helpers/shared';

const TINY = {
  name: 'tiny-browser',
  dataset: { kind: 'phantom', patients: 12, imageSize: 40, seed: 3 },
  inputSize: 32,
  backbone: 'resnet18',
  widthMultiplier: 0.125,
  seeds: [0],
  chains: [{ colorizer: 'replicate', stages: [{ stage: 'baseline', iterations: 2 }] }],
  training: { batchSize: 4, validateEvery: 1, augment: false },
};

/** Writes `config` to a fresh folder and runs `npm run experiment -- config.json --browser ...`. */
async function runCli(
  config: object,
  mode: string[] = ['--browser', '--swiftshader'],
): Promise<{ reports: StageRunReport[]; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'chromaxr-experiment-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return runExperimentCli([join(dir, 'config.json'), ...mode, '--out', join(dir, 'out')]);
}

/** The tiny run on WebGPU, shared by the tests that read it (SwiftShader makes each run ~20 s). */
let tinyRun: ReturnType<typeof runCli> | undefined;
const tinyOnWebGpu = () => {
  tinyRun ??= runCli(TINY);
  return tinyRun;
};

/**
 * Expects two runs of one stage to score alike; returns the test AUCs compared. AUC ranks the
 * test images: with n₊ positives and n₋ negatives it moves in steps of 1/(n₊·n₋) (≥ 1/30 on these
 * configs), so 6 digits asks for the same ranking of every image. Float32 reassociation between
 * backends (Dawn's and the CPU's gradients of ColorU + ResNet18/8 agree within 3e-4 of each
 * parameter's largest) stays far below these configs' gaps between scores.
 */
function expectSameScores(a: StageRunReport, b: StageRunReport): number[] {
  expect(a.record.procedure).toBe(b.record.procedure);
  expect(a.record.perLabelAuc.map(Number.isNaN)).toEqual(b.record.perLabelAuc.map(Number.isNaN));
  expect(a.validationMeanAuc).toBeCloseTo(b.validationMeanAuc, 6);
  expect(a.bestStep).toBe(b.bestStep);
  const compared: number[] = [];
  for (const [j, auc] of a.record.perLabelAuc.entries()) {
    if (Number.isNaN(auc)) continue;
    expect(auc, `${a.record.procedure}, label ${j}`).toBeCloseTo(
      b.record.perLabelAuc[j] as number,
      6,
    );
    compared.push(auc);
  }
  return compared;
}

/** An AUC is NaN (one class in the split) or a probability. */
const isAuc = (x: number) => Number.isNaN(x) || (x >= 0 && x <= 1);

describe('npm run experiment -- config.json --browser', () => {
  it('runs the baseline in Chromium on WebGPU and writes the reports', async () => {
    const { reports, out } = await tinyOnWebGpu();
    expect(reports).toHaveLength(1);
    const [report] = reports as [StageRunReport];
    expect(report.backend).toBe('webgpu');
    expect(report.record).toMatchObject({
      dataset: 'phantom',
      backbone: 'resnet18',
      procedure: 'Baseline',
      seed: 0,
      labels: ['Atelectasis', 'Cardiomegaly', 'Consolidation', 'Edema', 'Pleural Effusion'],
    });
    expect(report.record.colorizer).toBeUndefined();
    expect(report.record.perLabelAuc).toHaveLength(5);
    expect(report.record.perLabelAuc.every(isAuc)).toBe(true);
    expect(isAuc(report.record.meanAuc)).toBe(true);
    expect(report.settings).toMatchObject({ stage: 'baseline', iterations: 2, seed: 0 });
    expect(report.pretrained).toEqual({ kind: 'random-init', seed: 0 });
    // Baseline trains only the head: 5 labels × (feature size 64 at width 1/8 + 1 bias).
    expect(report.trainedParameters).toBe(5 * 65);
    expect(report.outcome).toBe('completed');
    expect(report.trainSeconds).toBeGreaterThan(0);
    expect(report.images.train + report.images.valid + report.images.test).toBe(54);
    const written = readdirSync(join(out, 'runs'));
    expect(written).toEqual(['Baseline_gray_seed0.json']);
    const json = JSON.parse(readFileSync(join(out, 'runs', written[0] as string), 'utf8'));
    expect(json.backend).toBe('webgpu');
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['report.json', 'report.md']));
  });

  it('scores as the Node CPU path does with the same seed', async () => {
    const [webgpu] = (await tinyOnWebGpu()).reports as [StageRunReport];
    const [cpu] = (await runCli(TINY, [])).reports as [StageRunReport];
    expect(cpu.backend).toBe('cpu');
    expectSameScores(webgpu, cpu);
  });

  it('carries the ImageNet file to the page: SqueezeNet 1.1 loads there', async () => {
    const weights = sharedFile('data/imagenet-squeezenet1_1/squeezenet1_1_imagenet.safetensors');
    if (!weights) return;
    const config = {
      ...TINY,
      backbone: 'squeezenet1_1',
      widthMultiplier: 1,
      pretrained: { kind: 'file', path: weights },
      chains: [{ colorizer: 'replicate', stages: [{ stage: 'baseline', iterations: 1 }] }],
    };
    const [report] = (await runCli(config)).reports as [StageRunReport];
    expect(report.backend).toBe('webgpu');
    expect(report.pretrained).toMatchObject({
      kind: 'imagenet',
      fileName: 'squeezenet1_1_imagenet.safetensors',
    });
    expect(isAuc(report.record.meanAuc)).toBe(true);
  });
});

/** TINY with a Color Module stage behind the baseline: ColorU trains through the frozen backbone,
 *  so the backward convolutions (our filter-gradient kernel included) run too; 24 patients give
 *  the test split both classes on most labels. */
const PARITY = {
  ...TINY,
  name: 'tiny-parity',
  dataset: { ...TINY.dataset, patients: 24 },
  chains: [
    { colorizer: 'replicate', stages: [{ stage: 'baseline', iterations: 2 }] },
    { colorizer: 'coloru', stages: [{ stage: 'colorModule', iterations: 2 }] },
  ],
};

/** What a machine without Dawn's adapters (or the optional package) says: the test skips on it. */
const NO_DAWN = /WebGPU in Node found no adapter|needs the npm package webgpu/;

describe('npm run experiment -- config.json --backend webgpu-node', () => {
  it('gives the test AUCs of --browser on every label of every stage', async (ctx) => {
    const node = await runCli(PARITY, ['--backend', 'webgpu-node']).catch((error: Error) => {
      if (!NO_DAWN.test(error.message)) throw error;
      console.warn(`skipped: ${error.message}`);
      return ctx.skip(error.message);
    });
    const chromium = await runCli(PARITY);
    expect(node.reports.map((r) => r.backend)).toEqual(['webgpu-node', 'webgpu-node']);
    expect(chromium.reports.map((r) => r.backend)).toEqual(['webgpu', 'webgpu']);
    const compared = node.reports.flatMap((n, i) =>
      expectSameScores(n, chromium.reports[i] as StageRunReport),
    );
    // Not vacuous: several labels scored, and not all at chance.
    expect(compared.length).toBeGreaterThanOrEqual(6);
    expect(compared.some((auc) => auc !== 0.5)).toBe(true);
  });
});

describe('the data blob', () => {
  it('round-trips 8- and 16-bit images of odd sizes, NaN labels and the weights bytes', () => {
    const odd = { width: 3, height: 1, pixels: Uint8Array.of(1, 2, 255) };
    const deep = { width: 2, height: 2, pixels: Uint16Array.of(0, 257, 65535, 4097) };
    const index = {
      labels: ['A', 'B'],
      items: [
        { path: 'a.png', patientId: 'p1', target: [1, 0], mask: [1, 1], raw: [1, Number.NaN] },
        { path: 'b.png', patientId: 'p2', target: [0, 1], mask: [0, 1], split: 'test' as const },
      ],
    };
    const file = { bytes: Uint8Array.of(9, 8, 7, 6, 5), fileName: 'w.safetensors' };
    const images = new Map<string, GrayPixels>([
      ['a.png', odd],
      ['b.png', deep],
    ]);
    const { chunks, length } = encodeExperimentBlob({ name: 'x', index, images, pretrained: file });
    const joined = new Uint8Array(length);
    let at = 0;
    for (const chunk of chunks) {
      joined.set(chunk, at);
      at += chunk.byteLength;
    }
    expect(at).toBe(length);
    const back = decodeExperimentBlob(joined.buffer);
    expect(back.name).toBe('x');
    expect(back.index).toEqual(index);
    expect(back.images.get('a.png')).toEqual(odd);
    expect(back.images.get('b.png')).toEqual(deep);
    expect(back.pretrained).toEqual(file);
  });
});
