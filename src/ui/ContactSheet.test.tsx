// @vitest-environment jsdom
// The contact sheet over a 200,000-image group: only the rows in view exist in the page and only
// their pages are asked for; scrolling asks for the next ones; a click enlarges with path and
// labels.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { installFakeCanvas } from '../../test/helpers/fake-canvas';
import type { SheetPage } from '../worker/ingest-protocol';
import { ContactSheet } from './ContactSheet';
import { CommandsContext, type StudioCommands } from './commands-context';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

const TOTAL = 200_000;
const sheetPage = vi.fn(
  async ({ offset, count, size }: { offset: number; count: number; size: number }) =>
    ({
      groups: [
        { name: 'PNEUMONIA', count: TOTAL },
        { name: 'NORMAL', count: 7 },
      ],
      items: Array.from({ length: Math.min(count, TOTAL - offset) }, (_, i) => ({
        path: `x/PNEUMONIA/${offset + i}.png`,
        caption: 'PNEUMONIA',
        thumb: { width: size, height: size, pixels: new Uint8Array(size * size).fill(9) },
      })),
    }) satisfies SheetPage,
);

let root: Root;
let container: HTMLDivElement;
const settle = () => act(async () => {});

beforeEach(async () => {
  installFakeCanvas();
  sheetPage.mockClear();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  const commands = { sheetPage } as unknown as StudioCommands;
  act(() =>
    root.render(
      <CommandsContext.Provider value={commands}>
        <ContactSheet />
      </CommandsContext.Provider>,
    ),
  );
  await settle();
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const cells = () => container.querySelectorAll('.sheet-cell');
const offsets = () => sheetPage.mock.calls.map(([page]) => page.offset);

it('draws only the rows in view of 200,000 images, and asks only for their page', () => {
  expect(container.querySelector('option')?.textContent).toBe('PNEUMONIA (200,000)');
  expect(cells().length).toBe(30); // 5 rows of 6: the 4 in view and the one partly in view
  expect(offsets()).toEqual([0]);
  const inner = container.querySelector('[data-testid="contact-sheet"] > div') as HTMLDivElement;
  expect(inner.style.height).toBe(`${Math.ceil(TOTAL / 6) * 120}px`);
});

it('asks for the pages that scroll into view, and never holds more than the view', async () => {
  const sheet = container.querySelector('[data-testid="contact-sheet"]') as HTMLDivElement;
  sheet.scrollTop = 120 * 10_000; // row 10,000
  act(() => sheet.dispatchEvent(new Event('scroll')));
  await settle();
  expect(offsets()).toEqual([0, 60_000]);
  expect(cells().length).toBe(30);
  expect(container.querySelector('canvas')?.getAttribute('aria-label')).toBe(
    'x/PNEUMONIA/60000.png',
  );
});

it('enlarges a clicked image with its path and labels', async () => {
  act(() => (cells()[7] as HTMLButtonElement).click());
  await settle();
  expect(sheetPage).toHaveBeenLastCalledWith({ group: 0, offset: 7, count: 1, size: 512 });
  const figure = container.querySelector('figure[aria-label="Enlarged image"]');
  expect(figure?.textContent).toContain('x/PNEUMONIA/7.png — PNEUMONIA');
});
