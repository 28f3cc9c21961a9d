// `npm run bench`: runs every benchmark script in test/bench/ in turn as its own process (`npx tsx`),
// output forwarded, and exits non-zero when any fails. Node-only. Usage: npm run bench -- [--quick]
// [--list] [name ...] (names without .ts, e.g. `train-steps`, run just those).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BENCH_DIR = join(ROOT, 'test', 'bench');

interface Bench {
  file: string;
  what: string;
  /** Takes --quick (fewer steps); the others always run their fixed workload. */
  quick: boolean;
}

/** The known benches, fastest first. */
const BENCHES: readonly Bench[] = [
  {
    file: 'weights-parse.ts',
    what: 'ResNet18 safetensors read + upload (Node, CPU)',
    quick: false,
  },
  {
    file: 'checksum.ts',
    what: 'xxHash32 vs SHA-256 (WebCrypto) on a cache shard and a ResNet18 checkpoint (Node, Chromium)',
    quick: false,
  },
  { file: 'csv-parse.ts', what: '223,414-row CheXpert CSV parse: time and heap', quick: false },
  {
    file: 'resolve-paths.ts',
    what: "a CheXpert-sized drop's label paths resolved to its files",
    quick: false,
  },
  {
    file: 'checkpoint-size.ts',
    what: "a CheXpert-sized drop's checkpoint bytes and resume time (Node, in-memory stores)",
    quick: false,
  },
  {
    file: 'cpu-kernel-profile.ts',
    what: 'CPU step time by kernel, ColorU + ResNet18 w/8 (Node)',
    quick: false,
  },
  {
    file: 'wasm-gemm.ts',
    what: 'GFLOP/s of the convolution kernels on ResNet18 shapes, 1 and N threads (Node)',
    quick: false,
  },
  {
    file: 'train-steps.ts',
    what: 'steps/s per colorizer, share outside the model (Node, CPU)',
    quick: true,
  },
  {
    file: 'torch-compare.ts',
    what: 'training step vs PyTorch (/usr/bin/python3) at 1 and 2 threads, GFLOP/s (Node, CPU)',
    quick: true,
  },
  {
    file: 'jpeg12-decode.ts',
    what: "2,000 × 2,000 12-bit JPEG Extended DICOMs through the core's decoder (Node)",
    quick: false,
  },
  { file: 'ingest-browser.ts', what: 'ingestion rate and feed heap in Chromium', quick: false },
  {
    file: 'dicom-ingest-browser.ts',
    what: 'ingestion rate of 2,000 × 2,000 JPEG-baseline DICOMs in Chromium',
    quick: false,
  },
  {
    file: 'drop-main-thread.ts',
    what: "main-thread long tasks while a CheXpert-sized drop's labels are parsed (Chromium)",
    quick: false,
  },
  {
    file: 'longtask-browser.ts',
    what: 'longest main-thread task during demo data, a 300-image ingestion and a stage (Chromium)',
    quick: false,
  },
  {
    file: 'stop-and-eta-browser.ts',
    what: 'Stop pressed during validation, and time left at half-way vs actual (Chromium, CPU)',
    quick: false,
  },
  {
    file: 'train-steps-browser.ts',
    what: 'steps/s per colorizer, share outside the model (Chromium, WebGPU)',
    quick: true,
  },
  {
    file: 'webgpu-node-steps.ts',
    what: "steps/s of WebGPU in Node on Dawn (--backend webgpu-node) beside Chromium's, same options",
    quick: true,
  },
  // The GPU section (issue 17): SwiftShader here; `npx tsx test/bench/gpu-step.ts --gpu` and
  // `gpu-conv-filter.ts --gpu` on a machine with a GPU.
  {
    file: 'dw-structure.ts',
    what: 'GPU: dW threads and serial loop per convolution at 320 px, batch 16, tfjs vs ours',
    quick: false,
  },
  {
    file: 'gpu-conv-filter.ts',
    what: 'GPU: dW ms per convolution on WebGPU, tfjs kernel vs ours (Chromium)',
    quick: false,
  },
  {
    file: 'gpu-step.ts',
    what: 'GPU: step ms, kernels, dispatches before/after ours, next to PyTorch (Chromium)',
    quick: true,
  },
];

/** Modules the benches import, not scripts to run. */
const HELPERS = new Set([
  'run.ts',
  'chromium-steps.ts',
  'step-table.ts',
  'step-timing.ts',
  'conv-flops.ts',
  'gpu-page.ts',
  'dicom-sources.ts',
  'long-work.ts',
  'thread-time.ts',
]);

/** The known benches present in the folder, then any script added there but not to BENCHES
 *  (run as is, so a new bench is never skipped silently). */
function discover(): Bench[] {
  const files = readdirSync(BENCH_DIR).filter((f) => f.endsWith('.ts') && !HELPERS.has(f));
  const known = BENCHES.filter((b) => files.includes(b.file));
  const extra = files
    .filter((f) => !BENCHES.some((b) => b.file === f))
    .sort()
    .map((file) => ({ file, what: '(not described in run.ts)', quick: false }));
  return [...known, ...extra];
}

/** Runs one bench with inherited stdio; resolves to its exit code (1 when it could not start). */
function runOne(bench: Bench, quick: boolean): Promise<number> {
  const args = [
    'tsx',
    join('test', 'bench', bench.file),
    ...(quick && bench.quick ? ['--quick'] : []),
  ];
  return new Promise((done) => {
    const child = spawn('npx', args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`${bench.file}: ${error.message}`);
      done(1);
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
  },
});
const all = discover();
const chosen =
  positionals.length === 0
    ? all
    : all.filter((b) => positionals.includes(b.file.replace(/\.ts$/, '')));
const unknown = positionals.filter((p) => !all.some((b) => b.file === `${p}.ts`));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; known: ${all.map((b) => b.file).join(', ')}`);
  process.exit(2);
}
console.log('benches in test/bench:');
for (const b of all) console.log(`  ${b.file.padEnd(24)} ${b.what}${b.quick ? ' [--quick]' : ''}`);
if (values.list) process.exit(0);

const failed: string[] = [];
for (const bench of chosen) {
  console.log(`\n=== ${bench.file}${values.quick && bench.quick ? ' --quick' : ''} ===`);
  const started = performance.now();
  const code = await runOne(bench, values.quick);
  console.log(
    `=== ${bench.file}: exit ${code} after ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  if (code !== 0) failed.push(bench.file);
}
if (failed.length > 0) {
  console.error(`\n${failed.length} bench(es) failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`\nall ${chosen.length} bench(es) passed`);
