// The Results step of the built studio on a seeded runs history: synthetic stage runs (four
// procedures × three seeds, and Baseline / Color Module on a quarter of the training set) are
// written into the history's IndexedDB database (runs-history.ts), the page reloads, the worker lists them and the
// view shows the tables, comparisons and ROC curves. A screenshot goes to test-results/.
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { runEntry } from '../helpers/run-entries';
import { serveStudioForFile } from './built-studio';
import { seedRunsHistory } from './runs-history';

const studio = serveStudioForFile();

const LABELS = ['Atelectasis', 'Cardiomegaly', 'Consolidation', 'Edema', 'Pleural Effusion'];
/** Each procedure's test AUC per label, before a small per-seed shift. */
const PROCEDURES = [
  { procedure: 'Baseline', auc: [0.68, 0.74, 0.63, 0.77, 0.8] },
  { procedure: 'Color Module', colorizer: 'coloru', auc: [0.71, 0.78, 0.64, 0.8, 0.83] },
  { procedure: 'Baseline All', auc: [0.74, 0.8, 0.67, 0.82, 0.85] },
  { procedure: 'All', colorizer: 'coloru', auc: [0.75, 0.82, 0.66, 0.84, 0.86] },
];

/** Per procedure and seed: how that run's AUCs shift (runs differ by seed, not in lockstep). */
const SEED_SHIFT = [
  [0, 0.012, -0.008],
  [0.006, -0.01, 0.015],
  [-0.004, 0.009, 0.002],
  [0.01, -0.006, 0.004],
];

function seededEntries() {
  let runIndex = 0;
  const full = [0, 1, 2].flatMap((seed) =>
    PROCEDURES.map(({ auc, ...variant }, p) =>
      runEntry({
        ...variant,
        seed,
        labels: LABELS,
        perLabelAuc: auc.map((a, l) => a + (SEED_SHIFT[p]?.[seed] ?? 0) + ((l + seed) % 3) / 200),
        runIndex: runIndex++,
        experimentName: 'Phantom: Baseline vs Color Module (ColorU)',
      }),
    ),
  );
  const quarter = [0, 1, 2].flatMap((seed) =>
    PROCEDURES.slice(0, 2).map(({ auc, ...variant }, p) =>
      runEntry({
        ...variant,
        seed,
        labels: LABELS,
        perLabelAuc: auc.map((a, l) => a - 0.06 + (SEED_SHIFT[p]?.[2 - seed] ?? 0) + (l % 2) / 100),
        subsetFraction: 0.25,
        subsetDraw: 0,
        runIndex: runIndex++,
        experimentName: 'Phantom: Baseline vs Color Module (ColorU)',
      }),
    ),
  );
  return [...full, ...quarter];
}

it('shows a seeded experiment from the runs history after a reload', async () => {
  const page = await studio.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${studio.url}?backends=cpu`);
  await seedRunsHistory(page, seededEntries());
  await page.reload();
  await page.getByRole('button', { name: /Results$/ }).click();
  const tableI = page.locator('table[data-section="tableI"]');
  await tableI.waitFor({ timeout: 60_000 });
  expect(await tableI.locator('tbody tr').count()).toBe(4);
  expect(await page.locator('table.runs tbody tr').count()).toBe(18);
  expect(await page.locator('.verdicts li').first().textContent()).toMatch(
    /^Phantom, ResNet18, 100% of the training set: ColorU Color Module − Baseline: \+\d\.\d AUC points, p = /,
  );
  await page.getByLabel('Label').selectOption('Edema');
  expect(await page.getByRole('figure', { name: 'ROC curves for Edema' }).count()).toBe(1);
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/results-view.png', fullPage: true });
  expect(errors).toEqual([]);
});
