// The headless experiment runner's command line, importable by tests: parses the arguments, loads
// the data in Node, runs the experiment in Node (tfjs CPU, or WebGPU on Dawn with --backend
// webgpu-node) or in headless Chromium (--browser, WebGPU), writes the reports. Node-only script
// code.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { type BackendName, cpuKernelInfo } from '../../src/core/backend/select';
import { buildReport } from '../../src/core/eval/report';
import { reportToCsv } from '../../src/core/eval/report-csv';
import { reportToMarkdown } from '../../src/core/eval/report-markdown';
import { type ExperimentConfig, parseExperimentConfig } from '../../src/core/experiment/config';
import { describeCost, measureSecondsPerStep } from '../../src/core/experiment/cost';
import { phantomDataset } from '../../src/core/experiment/demo-data';
import {
  type ExperimentData,
  type ExperimentRunSpec,
  experimentImages,
  planExperiment,
  runExperiment,
  type StageRunReport,
} from '../../src/core/experiment/experiment';
import { parseShard, type Shard, shardRuns } from '../../src/core/experiment/shard';
import { defaultShortSide } from '../../src/platform/decode-image';
import { startNodeCpuBackend } from '../lib/node-cpu';
import { configHash } from './config-hash';
import { loadFolderDataset } from './node-dataset';
import { type RunOrigin, runOrigin } from './shard-coverage';

const USAGE =
  'usage: npm run experiment -- config.json [--out DIR] [--seeds 0,1] [--shard I/N] [--backend cpu|webgpu-node | --browser [--backend webgpu|webgl|cpu] [--swiftshader]]';
const BROWSER_BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'cpu'];
/** Backends of the Node process itself: tfjs's CPU backend, or its WebGPU backend on Dawn. */
const NODE_BACKENDS = ['cpu', 'webgpu-node'] as const;
type NodeBackend = (typeof NODE_BACKENDS)[number];

/** The experiment's data: the phantom rendered, or a folder on disk decoded (format detected). */
export async function loadExperimentData(
  config: ExperimentConfig,
  configDir: string,
): Promise<ExperimentData> {
  const spec = config.dataset;
  if (spec.kind === 'phantom') {
    // Unsplit: runExperiment draws the config's split (a pre-split demo would be split twice).
    const demo = phantomDataset(spec);
    return { name: 'phantom', index: demo.index, imageOf: (p) => demo.images.get(p) };
  }
  const root = resolve(configDir, spec.path);
  const started = Date.now();
  const folder = await loadFolderDataset(root, defaultShortSide(config.inputSize));
  console.log(
    `${folder.reason}; ${folder.images.size} images decoded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  for (const line of folder.skipped) console.warn(`skipped ${line}`);
  return { name: folder.name, index: folder.index, imageOf: (p) => folder.images.get(p) };
}

/** What a run file holds beside the stage report: the config's hash and the slice of the grid its
 *  process ran (what the merge checks). */
interface RunFileMeta {
  configHash: string;
  origin?: RunOrigin;
}

/** One stage's report as runs/<procedure>_<colorizer>_seed<k>[_f…-d…].json with its meta, written
 *  as soon as the stage ends, so an interrupted experiment keeps every finished run. A merged
 *  report keeps the origin it was read with. */
function writeRun(out: string, r: StageRunReport, meta: RunFileMeta): void {
  const { procedure, colorizer, seed, subsetFraction, subsetDraw } = r.record;
  const name = [
    procedure,
    colorizer ?? 'gray',
    `seed${seed}`,
    subsetFraction && `f${subsetFraction}-d${subsetDraw}`,
  ]
    .filter(Boolean)
    .join('_')
    .replace(/\s+/g, '-');
  mkdirSync(join(out, 'runs'), { recursive: true });
  writeFileSync(join(out, 'runs', `${name}.json`), JSON.stringify({ ...meta, ...r }, null, 2));
}

/** Every run's JSON and the summary tables (Markdown, JSON, CSV); returns the Markdown. `gaps`
 *  (a partial merge's missing shards) head report.md and go into report.json as `incomplete`. */
export function writeReports(
  out: string,
  reports: StageRunReport[],
  hash: string,
  extra: { origin?: RunOrigin; gaps?: string[] } = {},
): string {
  const { origin, gaps = [] } = extra;
  for (const r of reports) writeRun(out, r, { configHash: hash, ...(origin ? { origin } : {}) });
  const report = buildReport(reports.map((r) => r.record));
  const warning = gaps.map((line) => `> **Partial merge**: ${line}\n`).join('');
  const markdown = `${warning}${warning && '\n'}${reportToMarkdown(report)}`;
  const json = gaps.length > 0 ? { incomplete: gaps, ...report } : report;
  writeFileSync(join(out, 'report.json'), JSON.stringify(json, null, 2));
  writeFileSync(join(out, 'report.md'), markdown);
  for (const [table, csv] of Object.entries(reportToCsv(report)))
    writeFileSync(join(out, `${table}.csv`), csv);
  return markdown;
}

interface CliOptions {
  configPath: string;
  out?: string;
  /** --seeds: run only these seeds (one process per seed uses one core each; merge the outputs
   *  with scripts/experiment-report.ts). */
  seeds?: number[];
  /** --shard I/N: run only the I-th (0-based) of N slices of the grid (shard.ts). */
  shard?: Shard;
  /** Set with --browser: the backends Chromium tries. */
  browserBackends?: BackendName[];
  /** Without --browser: the backend of the Node process (--backend, default cpu). */
  nodeBackend: NodeBackend;
  swiftshader: boolean;
}

export function parseCli(args: string[]): CliOptions {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      seeds: { type: 'string' },
      shard: { type: 'string' },
      browser: { type: 'boolean', default: false },
      backend: { type: 'string' },
      swiftshader: { type: 'boolean', default: false },
    },
  });
  const configPath = positionals[0];
  if (!configPath) throw new Error(USAGE);
  return {
    configPath,
    ...(values.out ? { out: values.out } : {}),
    ...(values.seeds !== undefined ? { seeds: parseSeeds(values.seeds) } : {}),
    ...(values.shard !== undefined ? { shard: parseShard(values.shard) } : {}),
    ...parseBackend(values.browser, values.backend, values.swiftshader),
  };
}

/** --backend names a Chromium backend with --browser, a Node one without. */
function parseBackend(
  browser: boolean,
  backend: string | undefined,
  swiftshader: boolean,
): Pick<CliOptions, 'browserBackends' | 'nodeBackend' | 'swiftshader'> {
  if (browser) {
    const name = (backend ?? 'webgpu') as BackendName;
    if (!BROWSER_BACKENDS.includes(name))
      throw new Error(
        `--browser --backend ${name}: one of ${BROWSER_BACKENDS.join(', ')}. ${USAGE}`,
      );
    return { browserBackends: [name], nodeBackend: 'cpu', swiftshader };
  }
  if (swiftshader) throw new Error(`--swiftshader needs --browser. ${USAGE}`);
  const name = (backend ?? 'cpu') as NodeBackend;
  if (!NODE_BACKENDS.includes(name))
    throw new Error(
      `--backend ${name}: without --browser one of ${NODE_BACKENDS.join(', ')}. ${USAGE}`,
    );
  return { nodeBackend: name, swiftshader: false };
}

function parseSeeds(list: string): number[] {
  const seeds = list.split(',').map((part) => Number(part.trim()));
  if (list.trim() === '' || !seeds.every(Number.isInteger))
    throw new Error(
      `--seeds ${list}: a comma-separated list of integers, e.g. --seeds 0,2. ${USAGE}`,
    );
  return seeds;
}

function readPretrained(config: ExperimentConfig, configDir: string) {
  if (config.pretrained.kind !== 'file') return undefined;
  const path = resolve(configDir, config.pretrained.path);
  return { bytes: new Uint8Array(readFileSync(path)), fileName: basename(path) };
}

/** Prints the cost estimate: the first cell's step rate on the Node process's backend, times the grid. */
async function printEstimate(
  config: ExperimentConfig,
  data: ExperimentData,
  plan: ExperimentRunSpec[],
  shard: Shard,
): Promise<void> {
  const first = plan[0];
  if (!first) return;
  const rate = await measureSecondsPerStep(config, first, experimentImages(config, data, first));
  console.log(describeCost(config, plan, rate, shard.count));
}

/** Starts the Node process's backend and says what runs the kernels. */
async function startNodeBackend(backend: NodeBackend, log: (line: string) => void): Promise<void> {
  if (backend === 'webgpu-node') {
    // Imported here: Dawn's binding is an optional dependency the CPU path must not need.
    const { startNodeWebGpuBackend } = await import('../lib/webgpu-node');
    log(`Node: tfjs webgpu on ${await startNodeWebGpuBackend(log)}`);
    return;
  }
  await startNodeCpuBackend(); // threads: CHROMAXR_CPU_THREADS, else every core
  log(`Node: tfjs cpu, convolutions on ${cpuKernelInfo()}`);
}

/** Runs the command line `args` (without node and the script); returns the reports and where they went. */
export async function runExperimentCli(
  args: string[],
): Promise<{ reports: StageRunReport[]; out: string }> {
  const cli = parseCli(args);
  const configured = parseExperimentConfig(JSON.parse(readFileSync(cli.configPath, 'utf8')));
  const config = cli.seeds ? { ...configured, seeds: cli.seeds } : configured;
  const hash = configHash(config);
  const shard = cli.shard ?? { index: 0, count: 1 };
  const plan = planExperiment(config);
  const runs = shardRuns(plan, shard);
  const origin = runOrigin(config.seeds, plan, shard);
  const out = cli.out ?? join('results', config.name);
  const configDir = dirname(resolve(cli.configPath));
  const data = await loadExperimentData(config, configDir);
  const pretrained = readPretrained(config, configDir);
  const log = (line: string) => console.log(line);
  log(
    `config ${hash}; shard ${shard.index}/${shard.count}: ${runs.length} of ${plan.length} cells`,
  );
  let reports: StageRunReport[];
  if (cli.browserBackends) {
    const { runInBrowser } = await import('./browser-runner');
    reports = await runInBrowser(config, data, {
      backends: cli.browserBackends,
      swiftshader: cli.swiftshader,
      log,
      shard,
      ...(pretrained ? { pretrainedFile: pretrained } : {}),
    });
  } else {
    await startNodeBackend(cli.nodeBackend, log);
    await printEstimate(config, data, plan, shard);
    reports = await runExperiment(
      config,
      data,
      {
        backend: cli.nodeBackend === 'cpu' ? tf.getBackend() : cli.nodeBackend,
        log,
        onReport: (r) => writeRun(out, r, { configHash: hash, origin }),
        ...(pretrained ? { pretrainedFile: pretrained } : {}),
      },
      runs,
    );
  }
  console.log(`\n${writeReports(out, reports, hash, { origin })}\nReports in ${out}/`);
  return { reports, out };
}
