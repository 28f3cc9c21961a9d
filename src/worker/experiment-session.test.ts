// The studio's experiment queue in Node, over in-memory stores: its runs give the very reports the
// headless runner's runExperiment gives for the same config, one history entry per stage; a Stop
// mid-run and a fresh queue (a reload) finish the experiment with the same reports; runs can be
// skipped and moved.
import { describe, expect, it } from 'vitest';
import {
  fakeSessionDeps,
  MemoryCheckpoints,
  MemoryDatasets,
  MemoryExperiments,
} from '../../test/helpers/session-fakes';
import { parseExperimentConfig } from '../core/experiment/config';
import { phantomDataset } from '../core/experiment/demo-data';
import { runExperiment, type StageRunReport } from '../core/experiment/experiment';
import { ExperimentQueue } from './experiment-session';
import type { WorkerEvent } from './protocol';
import { TrainerSession } from './session';

const CONFIG = parseExperimentConfig({
  name: 'queue-test',
  dataset: { kind: 'phantom', patients: 24, imageSize: 40, seed: 3 },
  inputSize: 32,
  backbone: 'resnet18',
  widthMultiplier: 0.125,
  seeds: [0, 1],
  chains: [
    { colorizer: 'replicate', stages: [{ stage: 'baseline' }] },
    { colorizer: 'coloru', stages: [{ stage: 'colorModule' }] },
  ],
  training: { iterations: 4, batchSize: 4, validateEvery: 2, lrMax: 0.01, augment: false },
});

/** A queue over fresh fakes sharing `stores` (a reload keeps them). */
function queue(
  stores = { checkpoints: new MemoryCheckpoints(), experiments: new MemoryExperiments() },
) {
  const fake = fakeSessionDeps(
    new MemoryDatasets('none', { labels: [], items: [] }, new Set()),
    stores.checkpoints,
  );
  const deps = { ...fake.deps, experiments: stores.experiments };
  const session = new TrainerSession(deps);
  return { queue: new ExperimentQueue(session, deps), session, stores, ...fake };
}

const reportsOf = (events: WorkerEvent[]): StageRunReport[] =>
  events.flatMap((e) => (e.kind === 'runSaved' ? [e.entry.report] : []));
/** What must agree with the runner: everything but wall-clock timings. */
const comparable = (r: StageRunReport) => ({ ...r, trainSeconds: 0, evaluationSeconds: 0 });

describe('ExperimentQueue', () => {
  const demo = phantomDataset(CONFIG.dataset as Parameters<typeof phantomDataset>[0]);
  let runnerReports: Promise<StageRunReport[]> | null = null;
  /** The headless runner's reports for CONFIG, computed once, when first needed (never beside a
   *  queue: two trainings would share the tfjs engine at once). */
  const runner = () => {
    runnerReports ??= runExperiment(
      CONFIG,
      { name: 'phantom', index: demo.index, imageOf: (p) => demo.images.get(p) },
      { backend: 'cpu' },
    );
    return runnerReports;
  };

  it('runs every run of the plan and reports what the headless runner reports', async () => {
    const { queue: q, events } = queue();
    await q.start(1, CONFIG);
    const reports = reportsOf(events);
    expect(reports).toHaveLength(4);
    expect(reports.map(comparable)).toEqual((await runner()).map(comparable));
    const tagged = events.filter((e) => e.kind === 'trainStep');
    expect(new Set(tagged.map((e) => e.kind === 'trainStep' && e.run?.runIndex))).toEqual(
      new Set([0, 1, 2, 3]),
    );
    const last = events.filter((e) => e.kind === 'experiment').at(-1);
    expect(last?.kind === 'experiment' && last.state.runs.map((r) => r.status)).toEqual([
      'done',
      'done',
      'done',
      'done',
    ]);
    expect(events.at(-2)).toMatchObject({ kind: 'experimentFinished', outcome: 'completed' });
  }, 300_000);

  it('stops mid-run, and a reloaded queue finishes with the same reports', async () => {
    const first = queue();
    let steps = 0;
    first.onEvent((e) => {
      if (e.kind === 'trainStep' && e.run?.runIndex === 1 && ++steps === 2)
        first.session.control.stop();
    });
    await first.queue.start(1, CONFIG);
    expect(first.events.at(-2)).toMatchObject({ kind: 'experimentFinished', outcome: 'stopped' });
    expect(reportsOf(first.events)).toHaveLength(1);

    const reloaded = queue(first.stores);
    await reloaded.queue.resume(2);
    const all = [...reportsOf(first.events), ...reportsOf(reloaded.events)];
    expect(all.map(comparable)).toEqual((await runner()).map(comparable));
  }, 300_000);

  it('skips the running run and runs a moved one first', async () => {
    const { queue: q, events, onEvent, session } = queue();
    let moved = false; // once: a move posts the queue again
    onEvent((e) => {
      if (!moved && e.kind === 'experiment' && e.state.runs[0]?.status === 'running') {
        moved = true;
        void q.move(3, 1);
      }
      if (e.kind === 'trainStep' && e.run?.runIndex === 0) q.skip();
    });
    await q.start(1, CONFIG);
    const last = events.filter((e) => e.kind === 'experiment').at(-1);
    expect(last?.kind === 'experiment' && last.state.runs.map((r) => [r.index, r.status])).toEqual([
      [0, 'skipped'],
      [3, 'done'],
      [1, 'done'],
      [2, 'done'],
    ]);
    expect(session.control.shouldStop()).toBe(false);
  }, 300_000);
});
