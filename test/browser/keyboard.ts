// Drives the studio with the keyboard alone, as a user without a mouse would: Tab (or Shift+Tab)
// until the wanted control has the focus, then Enter, Space, arrows or typing. Locators only find
// the target and read its state; nothing here clicks, fills or focuses programmatically. A control
// that Tab cannot reach fails with its name and where the focus went instead.
import type { Locator, Page } from 'playwright-core';

/** More Tab presses than any step has focusable controls: beyond it the target is unreachable. */
const MAX_TABS = 120;
/** Arrow presses through a radio group or a select's options before giving up. */
const MAX_ARROWS = 12;

/** Whether the focus is on one of the target's elements. */
const focused = (target: Locator) =>
  target.evaluateAll((elements) => elements.some((element) => element === document.activeElement));

/** Tab when the target follows the focus in the document, Shift+Tab when it precedes it. */
const towards = (target: Locator) =>
  target.first().evaluate((element) => {
    const active = document.activeElement;
    if (active === null || active === document.body) return 'Tab';
    const precedes = active.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_PRECEDING;
    return precedes ? 'Shift+Tab' : 'Tab';
  });

/** "button 'Next: Model'": where the focus is, for the failure message. */
const focusedDescription = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    if (active === null) return 'nothing';
    const name = active.getAttribute('aria-label') ?? active.textContent?.trim().slice(0, 40);
    return `${active.tagName.toLowerCase()} '${name ?? ''}'`;
  });

/** Moves the focus onto the target (any of its elements, e.g. any radio of a group). */
export async function tabTo(page: Page, target: Locator): Promise<void> {
  await target.first().waitFor();
  const key = await towards(target);
  for (let presses = 0; presses < MAX_TABS; presses++) {
    if (await focused(target)) return;
    await page.keyboard.press(key);
  }
  if (await focused(target)) return;
  const at = await focusedDescription(page);
  throw new Error(`${MAX_TABS} × ${key} never reached ${target}; the focus is on ${at}`);
}

/** Tabs to a button (or summary) and activates it with Enter. */
export async function activate(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Enter');
}

/** Tabs to a text or number field and replaces its text by typing. */
export async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Presses `key` until `done` holds, at most MAX_ARROWS times. */
async function arrowUntil(page: Page, key: string, done: () => Promise<boolean>, what: string) {
  for (let presses = 0; presses < MAX_ARROWS; presses++) {
    if (await done()) return;
    await page.keyboard.press(key);
  }
  if (!(await done())) throw new Error(`${MAX_ARROWS} × ${key} never reached ${what}`);
}

/** Tabs into a radio group (Tab stops on its checked radio) and arrows to the wanted radio. */
export async function chooseRadio(page: Page, group: Locator, wanted: Locator): Promise<void> {
  await tabTo(page, group.getByRole('radio'));
  await arrowUntil(page, 'ArrowDown', () => wanted.isChecked(), `${wanted}`);
}

/** Tabs to a closed select and arrows to the option with `value` (Chromium changes the value, and
 *  fires change, on arrows without opening the list). */
export async function chooseOption(page: Page, select: Locator, value: string): Promise<void> {
  await tabTo(page, select);
  const { wanted, current } = await select.evaluate((element, value) => {
    const { options, value: now } = element as HTMLSelectElement;
    const values = [...options].map((o) => o.value);
    return { wanted: values.indexOf(value), current: values.indexOf(now) };
  }, value);
  if (wanted < 0) throw new Error(`${select} has no option ${value}`);
  const key = wanted < current ? 'ArrowUp' : 'ArrowDown';
  await arrowUntil(page, key, async () => (await select.inputValue()) === value, value);
}
