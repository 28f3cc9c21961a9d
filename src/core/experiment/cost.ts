// The cost estimate the runner prints before a grid starts: cells × training steps × a step rate
// measured on this backend, for one process and per shard. A probe, not a promise: it times a few
// steps of the first cell's first stage, and the stages differ (a frozen E backpropagates less),
// and validation, evaluation and data loading are not counted. tfjs only.
import * as tf from '@tensorflow/tfjs';
import { createNetwork } from '../model';
import { type ExperimentConfig, stageSettings } from './config';
import type { ExperimentRunSpec } from './experiment';
import type { LabelledImages } from './labelled-images';
import { shardRuns } from './shard';
import { runStageSession } from './stage-session';

/** Steps run before timing starts (the first compiles and allocates). */
const WARMUP_STEPS = 1;
const TIMED_STEPS = 2;

/** Training steps of a set of runs: every stage's iterations. */
export function trainingSteps(config: ExperimentConfig, runs: ExperimentRunSpec[]): number {
  return runs.reduce(
    (sum, run) =>
      sum +
      run.chain.stages.reduce(
        (s, _, j) => s + stageSettings(config, run.chain, j, run.seed).iterations,
        0,
      ),
    0,
  );
}

/** Seconds per step of `run`'s first stage on a fresh network: the mean of TIMED_STEPS steps
 *  after WARMUP_STEPS, timed between the loop's per-step stop checks. */
export async function measureSecondsPerStep(
  config: ExperimentConfig,
  run: ExperimentRunSpec,
  images: LabelledImages,
): Promise<number> {
  const network = createNetwork({
    colorizer: run.chain.colorizer,
    backbone: config.backbone,
    numClasses: images.labels.length,
    seed: run.seed,
    widthMultiplier: config.widthMultiplier,
  });
  const settings = stageSettings(config, run.chain, 0, run.seed);
  const checks: number[] = [];
  const probeSteps = WARMUP_STEPS + TIMED_STEPS;
  try {
    await runStageSession({
      network,
      settings: { ...settings, iterations: probeSteps + 1, validateEvery: probeSteps + 1 },
      train: images.splits.train,
      valid: [],
      inputSize: config.inputSize,
      hooks: { shouldStop: () => checks.push(tf.util.now()) > probeSteps },
    });
  } finally {
    network.dispose();
  }
  const [start, end] = [checks[WARMUP_STEPS], checks[probeSteps]];
  if (start === undefined || end === undefined) throw new Error('the cost probe stopped early');
  return (end - start) / 1000 / TIMED_STEPS;
}

/** The estimate in words: one process, and N shards (wall time ≈ the largest shard's share). */
export function describeCost(
  config: ExperimentConfig,
  runs: ExperimentRunSpec[],
  secondsPerStep: number,
  shardCount: number,
): string {
  const steps = trainingSteps(config, runs);
  const lines = [
    `Estimate: ${runs.length} cells, ${steps} training steps × ${secondsPerStep.toFixed(3)} s per step ≈ ${formatSeconds(steps * secondsPerStep)} in one process.`,
    `  (measured: ${TIMED_STEPS} steps after ${WARMUP_STEPS} warm-up of the first cell's first stage; stages differ in cost, and validation, evaluation and data loading are not counted)`,
  ];
  if (shardCount > 1) {
    const perShard = Array.from({ length: shardCount }, (_, index) =>
      trainingSteps(config, shardRuns(runs, { index, count: shardCount })),
    );
    const largest = Math.max(...perShard);
    lines.push(
      `  ${shardCount} shards: ${perShard.join(' / ')} steps; wall time ≈ the largest, ${formatSeconds(largest * secondsPerStep)}, if every shard gets a machine (or core) like this one.`,
    );
  }
  return lines.join('\n');
}

function formatSeconds(s: number): string {
  if (s < 120) return `${s.toFixed(1)} s`;
  return s < 7200 ? `${(s / 60).toFixed(1)} min` : `${(s / 3600).toFixed(1)} h`;
}
