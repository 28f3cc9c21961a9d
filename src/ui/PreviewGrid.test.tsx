// @vitest-environment jsdom
// The preview grid from synthetic snapshots through the real store and router: three captioned
// canvases per image, each channel's range printed, the near-constant badge only on a flat T, and
// a slider that reads "validation at step N (k of K)" and holds its place as validations arrive.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { installFakeCanvas } from '../../test/helpers/fake-canvas';
import { fakeWorkerSource } from '../../test/helpers/fake-worker-source';
import { resetStudio, useStudio } from '../state/store';
import { connectWorkerEvents } from '../state/worker-events';
import type { PreviewImage, WorkerEvent } from '../worker/protocol';
import { PreviewGrid } from './PreviewGrid';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

let painted = new Map<string, Uint8ClampedArray>();

const range = (displayMin: number, displayMax: number, flat = false) => ({
  min: displayMin / 100 - 1,
  max: displayMax / 100 - 1,
  displayMin,
  displayMax,
  flat,
});

/** A 1×2 image whose three RGBA arrays are filled with `gray`, `color`, `stretched`. */
function image(fill: [number, number, number], ranges: PreviewImage['ranges']): PreviewImage {
  const rgba = (v: number) => new Uint8ClampedArray(8).fill(v);
  return {
    width: 1,
    height: 2,
    gray: rgba(fill[0]),
    color: rgba(fill[1]),
    stretched: rgba(fill[2]),
    ranges,
    nearConstant: ranges.every((r) => r.displayMax - r.displayMin < 8),
  };
}

const varied = () => image([10, 20, 30], [range(105.1, 106.6), range(0, 255), range(40, 41.5)]);
const constant = () =>
  image([11, 21, 128], [range(127.31, 127.52), range(90, 90.005, true), range(3, 4.5)]);

const preview = (step: number, images: PreviewImage[]): WorkerEvent => ({
  kind: 'preview',
  stage: 'colorModule',
  step,
  images,
});

let root: Root;
let container: HTMLDivElement;
let disconnect: () => void;
const source = fakeWorkerSource();

beforeEach(() => {
  resetStudio();
  painted = installFakeCanvas();
  disconnect = connectWorkerEvents(source, useStudio);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root.render(<PreviewGrid />));
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  disconnect();
});

const emit = (event: WorkerEvent) => act(() => source.emit(event));
const byLabel = (label: string) => container.querySelector(`[aria-label="${label}"]`);
const text = (selector: string) => container.querySelector(selector)?.textContent ?? null;
/** Image `n`'s range table, a row per channel as "R | 0–255 ends | normalized ends". */
const rows = (n: number) =>
  [...(byLabel(`Channel ranges ${n}`)?.querySelectorAll('tbody tr') ?? [])].map((row) =>
    [...row.children].map((cell) => cell.textContent).join(' | '),
  );
const slider = () => container.querySelector<HTMLInputElement>('input[type="range"]');

/** Moves the slider as a keyboard or pointer would: React sees the native value and an input event. */
function moveSlider(value: number) {
  const input = slider() as HTMLInputElement;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  act(() => {
    setValue?.call(input, String(value));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

it('draws nothing before the first validation', () => {
  expect(container.innerHTML).toBe('');
});

it('captions three canvases per image and prints each channel range beneath the stretched one', () => {
  emit(preview(10, [varied(), constant()]));
  const captions = [...container.querySelectorAll('figcaption')].map((c) => c.textContent);
  expect(captions).toEqual([
    'Gray input',
    "T's output as E sees it",
    'Per-channel stretched',
    'Gray input',
    "T's output as E sees it",
    'Per-channel stretched',
  ]);
  for (const name of ['Gray input 2', 'Colorized by T 2', 'Stretched per channel 2']) {
    expect(byLabel(name)?.getAttribute('role')).toBe('img');
  }
  expect([...(painted.get('Stretched per channel 1') ?? [])]).toEqual(Array(8).fill(30));
  expect([...(painted.get('Colorized by T 2') ?? [])]).toEqual(Array(8).fill(21));
  expect(rows(1)).toEqual([
    'R | 105.1–106.6 | 0.051 to 0.066',
    'G | 0.0–255.0 | \u22121.000 to 1.550',
    'B | 40.0–41.5 | \u22120.600 to \u22120.585',
  ]);
  // Under one level: two more digits, so a faint range still shows its width; flat is marked.
  expect(rows(2)).toEqual([
    'R | 127.310–127.520 | 0.27310 to 0.27520',
    'G | 90.000–90.005 | \u22120.10000 to \u22120.09995 (flat)',
    'B | 3.0–4.5 | \u22120.970 to \u22120.955',
  ]);
  // The stretched panel holds the ranges: they read beneath that canvas, not the others.
  const stretchedPanel = byLabel('Stretched per channel 1')?.closest('figure');
  expect(stretchedPanel?.contains(byLabel('Channel ranges 1'))).toBe(true);
});

it('shows the near-constant badge on a flat output only', () => {
  emit(preview(10, [varied(), constant()]));
  const badge = (n: number) => byLabel(`Validation image ${n}`)?.querySelector('.flat-badge');
  expect(badge(1)).toBeNull();
  expect(badge(2)?.textContent).toBe('near-constant output');
});

it('labels the slider, follows new validations, and holds where the user moved it', () => {
  emit(preview(10, [varied()]));
  expect(slider()?.disabled).toBe(true); // one snapshot: nothing to slide through
  emit(preview(20, [constant()]));
  const label = container.querySelector(`label[for="${slider()?.id}"]`);
  expect(label?.textContent).toBe('Validation snapshot');
  expect(text('output')).toBe('validation at step 20 (2 of 2)');
  expect(slider()?.getAttribute('aria-valuetext')).toBe('validation at step 20 (2 of 2)');
  expect(text('h3')).toBe('Colorization at step 20');

  moveSlider(0);
  expect(text('output')).toBe('validation at step 10 (1 of 2)');
  expect(byLabel('Validation image 1')?.querySelector('.flat-badge')).toBeNull();
  emit(preview(30, [constant()]));
  expect(text('output')).toBe('validation at step 10 (1 of 3)');

  moveSlider(2);
  emit(preview(40, [constant()]));
  expect(text('output')).toBe('validation at step 40 (4 of 4)');
  expect(byLabel('Validation image 1')?.querySelector('.flat-badge')?.textContent).toBe(
    'near-constant output',
  );
});
