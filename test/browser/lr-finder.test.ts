// The LR finder in the built studio on the CPU backend (fast enough for a sweep): demo data →
// model → Color Module → Train → a short sweep → three suggestion rows, and "Use" fills lrMax.
// Driven through roles and labels only, as wizard.test.ts.
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { serveStudioForFile } from './built-studio';
import { prepareColorModule, settle } from './studio-steps';

const studio = serveStudioForFile();

it('sweeps the learning rate and adopts a suggestion as the max learning rate', async () => {
  const page = await studio.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${studio.url}?backends=cpu`);
  await page.locator('output.device[data-backend="cpu"]').waitFor({ timeout: 120_000 });
  await prepareColorModule(page);

  await page.getByLabel('Batch size').fill('4');
  await page.getByLabel('LR sweep steps').fill('8');
  await page.getByRole('button', { name: 'Find learning rate' }).click();
  const table = page.getByRole('table', { name: 'Suggested learning rates' });
  await settle(page, table, 200_000);

  const rows = table.getByRole('row');
  expect(await rows.count()).toBe(4); // the header and one row per rule
  const values = await table.locator('tbody td:first-of-type').allTextContents();
  expect(values).toHaveLength(3);
  for (const value of values) expect(value).toMatch(/^(\d\.\d{2}e[-+]\d+|none)$/);
  const figure = page.getByRole('figure', { name: 'LR finder loss' });
  expect(Number(await figure.getAttribute('data-points'))).toBeGreaterThan(0);

  // With 8 steps fastai's window keeps points 0–2: at least minimum ÷ 10 has a value.
  const useButton = page.getByRole('button', { name: /^Use / });
  const row = table.locator('tbody tr').filter({ has: useButton }).first();
  const suggested = Number(await row.locator('td').first().textContent());
  await row.getByRole('button').click();
  const lrMax = Number(await page.getByLabel('Max learning rate').inputValue());
  expect(lrMax).toBeGreaterThan(0);
  expect(lrMax).toBe(suggested); // both the suggestion to 3 significant digits
  expect(await page.getByRole('button', { name: 'Start Color Module' }).isEnabled()).toBe(true);
  expect(errors).toEqual([]);
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/lr-finder.png', fullPage: true });
});
