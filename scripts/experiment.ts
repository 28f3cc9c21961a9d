// The headless experiment runner: `npm run experiment -- config.json [--out DIR] [--browser]`. Runs
// the core engine on tfjs's CPU backend in Node, or with --browser in headless Chromium on WebGPU,
// over a dataset folder (or the phantom); writes one JSON report per run and stage, and the summary
// tables (Markdown, CSV, JSON). The work lives in experiment/cli.ts so tests can drive it. Node-only.
import { runExperimentCli } from './experiment/cli';

runExperimentCli(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
