// The headless experiment runner: `npm run experiment -- config.json [--out DIR]`. Runs the core
// engine on tfjs's CPU backend in Node over a dataset folder (or the phantom), writes one JSON
// report per run and stage, and the summary tables (Markdown, CSV, JSON). Node-only script.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { startCpuBackend } from '../src/core/backend/select';
import { buildReport } from '../src/core/eval/report';
import { reportToCsv } from '../src/core/eval/report-csv';
import { reportToMarkdown } from '../src/core/eval/report-markdown';
import { type ExperimentConfig, parseExperimentConfig } from '../src/core/experiment/config';
import { phantomDemo } from '../src/core/experiment/demo-data';
import {
  type ExperimentData,
  runExperiment,
  type StageRunReport,
} from '../src/core/experiment/experiment';
import { defaultShortSide } from '../src/platform/decode-image';
import { loadFolderDataset } from './experiment/node-dataset';

async function loadData(config: ExperimentConfig, configDir: string): Promise<ExperimentData> {
  const spec = config.dataset;
  if (spec.kind === 'phantom') {
    const demo = phantomDemo(spec);
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

function writeReports(out: string, reports: StageRunReport[]): string {
  mkdirSync(join(out, 'runs'), { recursive: true });
  for (const r of reports) {
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
    writeFileSync(join(out, 'runs', `${name}.json`), JSON.stringify(r, null, 2));
  }
  const report = buildReport(reports.map((r) => r.record));
  const markdown = reportToMarkdown(report);
  writeFileSync(join(out, 'report.json'), JSON.stringify(report, null, 2));
  writeFileSync(join(out, 'report.md'), markdown);
  for (const [table, csv] of Object.entries(reportToCsv(report)))
    writeFileSync(join(out, `${table}.csv`), csv);
  return markdown;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' } },
  });
  const configPath = positionals[0];
  if (!configPath) throw new Error('usage: npm run experiment -- config.json [--out DIR]');
  const config = parseExperimentConfig(JSON.parse(readFileSync(configPath, 'utf8')));
  await startCpuBackend();
  const data = await loadData(config, dirname(resolve(configPath)));
  const pretrained =
    config.pretrained.kind === 'file'
      ? (() => {
          const path = resolve(dirname(resolve(configPath)), config.pretrained.path);
          return { bytes: new Uint8Array(readFileSync(path)), fileName: basename(path) };
        })()
      : undefined;
  const reports = await runExperiment(config, data, {
    backend: tf.getBackend(),
    log: (line) => console.log(line),
    ...(pretrained ? { pretrainedFile: pretrained } : {}),
  });
  const out = values.out ?? join('results', config.name);
  console.log(`\n${writeReports(out, reports)}\nReports in ${out}/`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
