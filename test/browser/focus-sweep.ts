// Tabs once around the whole page and reports what a keyboard user would trip over that axe, which
// looks at one moment's DOM, cannot see: a focus stop without an accessible name (read from
// Playwright's ARIA snapshot of the focused element), a control that Tab never reaches, and a trap
// (the cycle never comes back to its first stop).
import type { Page } from 'playwright-core';

/** More stops than any step has: a sweep that has not come round by then is trapped. */
const MAX_STOPS = 300;

/** Remembers the focused element in the page; true if it was seen before (the cycle closed). */
const markFocused = (page: Page) =>
  page.evaluate(() => {
    const page = globalThis as { __tabStops?: Set<Element> };
    page.__tabStops ??= new Set();
    const seen = page.__tabStops;
    const active = document.activeElement;
    if (active === null || active === document.body) return false;
    if (seen.has(active)) return true;
    seen.add(active);
    return false;
  });

/** Enabled, visible, tabbable controls that no Tab stop landed on (a radio counts as reached when
 *  its group was: Tab stops once per group). */
const unreached = (page: Page) =>
  page.evaluate(() => {
    const seen = (globalThis as { __tabStops?: Set<Element> }).__tabStops ?? new Set<Element>();
    const reachedGroups = new Set([...seen].map((e) => e.getAttribute('name')).filter(Boolean));
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button, input, select, textarea, summary, [tabindex]',
    );
    const missed = [...controls].filter(
      (e) =>
        !seen.has(e) &&
        e.tabIndex >= 0 &&
        !e.matches(':disabled') &&
        e.checkVisibility({ visibilityProperty: true }) &&
        !(e.matches('input[type="radio"]') && reachedGroups.has(e.getAttribute('name'))),
    );
    delete (globalThis as { __tabStops?: Set<Element> }).__tabStops;
    return missed.map((e) => `${e.tagName.toLowerCase()} '${e.textContent?.trim().slice(0, 40)}'`);
  });

/** The focused element's ARIA snapshot line (`- button "Next: Model"`) when it has no name; null
 *  when it has one or nothing is focused. A <summary> is named by its text, which the snapshot
 *  shows as `- text: …`. */
async function unnamedFocus(page: Page): Promise<string | null> {
  const focus = page.locator(':focus');
  if ((await focus.count()) !== 1) return null;
  if (await focus.evaluate((e) => e.tagName === 'SUMMARY' && e.textContent?.trim() !== '')) {
    return null;
  }
  const line = ((await focus.ariaSnapshot()).split('\n')[0] ?? '').trim();
  // YAML quotes a line holding a colon: `- 'button "Next: Model"'`.
  return /^- '?[\w-]+ "[^"]+"/.test(line) ? null : line;
}

/** Problems found tabbing once around the page: unnamed stops, unreachable controls, a trap. */
export async function focusSweep(page: Page): Promise<string[]> {
  const problems: string[] = [];
  for (let stops = 0; stops < MAX_STOPS; stops++) {
    await page.keyboard.press('Tab');
    if (await markFocused(page)) {
      const missed = await unreached(page);
      return [...problems, ...missed.map((control) => `not reachable by Tab: ${control}`)];
    }
    const unnamed = await unnamedFocus(page);
    if (unnamed !== null) problems.push(`focus stop without a name: ${unnamed}`);
  }
  return [...problems, `keyboard trap: ${MAX_STOPS} Tab presses never came round`];
}
