// Steps through the built studio that several browser tests share, driven only by roles and
// labels (as a keyboard or screen-reader user would). Tiny shapes: the browsers run on SwiftShader
// or the CPU backend.
import type { Locator, Page } from 'playwright-core';

/** Waits for `success` or for an error the studio shows (role=alert), and fails with its text. */
export async function settle(page: Page, success: Locator, timeout: number): Promise<void> {
  const alert = page.getByRole('alert');
  await success.or(alert).first().waitFor({ timeout });
  const shown = await alert.allTextContents();
  if (shown.length > 0) throw new Error(`The studio reported: ${shown.join(' | ')}`);
}

export const next = (page: Page, title: string) =>
  page.getByRole('button', { name: `Next: ${title}` }).click();

/** Step 1: 24 phantom patients at 48 px. */
export async function loadDemoData(page: Page): Promise<void> {
  await page.getByLabel('Patients').fill('24');
  await page.getByLabel('Image size (px)').fill('48');
  await page.getByRole('button', { name: 'Generate demo data' }).click();
  await settle(page, page.getByRole('heading', { name: /^Loaded:/ }), 120_000);
}

/** Step 2's form: ColorU + ResNet18 at width ⅛, 32 px, random initialization (not yet built). */
export async function chooseTinyModel(page: Page): Promise<void> {
  await page.getByLabel('Colorization module (T)').selectOption('coloru');
  await page.getByLabel('Backbone (E)').selectOption('resnet18');
  await page.getByLabel('Width multiplier').selectOption('0.125');
  await page.getByLabel('Input size').selectOption('32');
  await page.getByRole('radio', { name: 'Random initialization' }).check();
}

export async function buildModel(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Build model' }).click();
  await settle(page, page.getByRole('heading', { name: /^Built: ColorU \+ ResNet18/ }), 120_000);
}

/** Demo data → tiny model → Color Module selected → the Train step. */
export async function prepareColorModule(page: Page): Promise<void> {
  await loadDemoData(page);
  await tinyColorModuleToTrain(page);
}

/** With data loaded: tiny model → Color Module selected → the Train step. */
export async function tinyColorModuleToTrain(page: Page): Promise<void> {
  await next(page, 'Model');
  await chooseTinyModel(page);
  await buildModel(page);
  await next(page, 'Stages');
  await page.getByRole('radio', { name: /^Color Module/ }).check();
  await next(page, 'Train');
}

/** The stage is over when the run state is back to idle after the loss curve got its points, or
 *  when the studio shows an error (a failed start, a diverged stage): then fail with its text. */
export async function waitForStageEnd(page: Page, timeout = 200_000): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('[role="alert"]') !== null ||
      (document.querySelector('output.run-state')?.textContent === 'idle' &&
        Number(
          document.querySelector('figure[aria-label="Training loss"]')?.getAttribute('data-points'),
        ) > 0),
    undefined,
    { timeout, polling: 250 },
  );
  const shown = await page.getByRole('alert').allTextContents();
  if (shown.length > 0) throw new Error(`The studio reported: ${shown.join(' | ')}`);
}

/** Quick start on the Data step, its model built, the Stages step open (Baseline All chosen). */
export async function quickStartToStages(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Quick start' }).click();
  await settle(page, page.getByRole('heading', { name: /^Loaded:/ }), 120_000);
  await next(page, 'Model');
  await page.getByRole('button', { name: 'Build model' }).click();
  await settle(
    page,
    page.getByRole('heading', { name: /^Built: Gray replication → ResNet18/ }),
    60_000,
  );
  await next(page, 'Stages');
}
