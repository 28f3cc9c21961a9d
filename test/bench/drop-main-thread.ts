// The page's main thread while a CheXpert-sized dropped folder's labels are parsed, in headless
// Chromium: the harness page (test/browser/drop-bench.html) builds the drop in memory (train.csv
// of 223,414 rows and an empty file per listed image), then does what the studio does on a drop —
// the file list handed to the ingestion worker in chunks (it detects the format there), then its
// `index` request — while a
// PerformanceObserver records long tasks (over 50 ms). Three runs, a fresh browser each. Prints
// numbers; asserts nothing. Run: npx tsx test/bench/drop-main-thread.ts
import { launchChromium } from '../../scripts/lib/chromium';
import { serveDev } from '../../scripts/lib/server';
import type { DropRun } from '../browser/harness/drop-main';
import { CHEXPERT_ROWS } from '../helpers/chexpert-drop';

const RUNS = 3;
/** Per run, building the drop included (tens of seconds on a loaded 2-core machine). */
const TIMEOUT_MS = 5 * 60_000;
/** Tasks this long make the page visibly stall (clicks and scrolling wait for them). */
const STALL_MS = 100;

const ms = (value: number) => `${value.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function describe(run: DropRun, i: number): string {
  const tasks = run.longTasks
    .map((t) => `${ms(t.durationMs)} at +${ms(Math.max(0, t.startMs))}`)
    .join(', ');
  const heap = run.memory ? `; JS heap ${mb(run.memory.usedJSHeapSize)}` : '';
  return (
    `run ${i + 1}: ${run.rows} rows, ${run.files} files (built in ${ms(run.buildMs)}, not measured); ` +
    `hand-over + detection ${ms(run.detectMs)} (${run.detectedFormat}), index request ${ms(run.sendMs)}, ` +
    `drop → summary ${ms(run.wallMs)}; ${run.images} images, ${run.missing} missing, ` +
    `${run.problems} problems; long tasks: ${tasks || 'none'}${heap}`
  );
}

/** page.evaluate has no timeout of its own: a run that never answers fails instead of hanging. */
function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer after ${TIMEOUT_MS / 1000} s`)),
      TIMEOUT_MS,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function main() {
  const server = await serveDev();
  const runs: DropRun[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      // A fresh browser each run: a cold page and empty IndexedDB. (A new context in the same
      // browser, after one that held the drop's 195k blobs was closed, hung here at newPage.)
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        page.setDefaultTimeout(TIMEOUT_MS);
        page.on('pageerror', (error) =>
          console.error(`run ${i + 1}: page error: ${error.message}`),
        );
        page.on('crash', () => console.error(`run ${i + 1}: the page crashed`));
        await page.goto(`${server.url}test/browser/drop-bench.html`);
        await page.waitForFunction(
          () => document.getElementById('status')?.textContent === 'ready',
        );
        const run = await withTimeout(
          page.evaluate((rows) => window.dropHarness.run(rows), CHEXPERT_ROWS),
          `run ${i + 1}`,
        );
        console.log(describe(run, i));
        runs.push(run);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  const stalls = runs.flatMap((r) => r.longTasks).filter((t) => t.durationMs > STALL_MS);
  const longest = Math.max(0, ...runs.map((r) => r.longestTaskMs));
  const wall = runs.map((r) => r.wallMs).sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? 0;
  console.log(
    `main-thread tasks over ${STALL_MS} ms during the drop's parsing: ${stalls.length} ` +
      `(longest ${ms(longest)}); drop → parsed index: ${(wall / 1000).toFixed(1)} s ` +
      `(median of ${runs.length})`,
  );
}

await main();
