// @vitest-environment jsdom
// The stored colorization history in the Compare step: only the current experiment's runs that
// kept previews are offered, the newest snapshot shows first, the slider walks back, and picking
// another run shows its own snapshots (what a reload brings back from the runs history).
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { installFakeCanvas } from '../../test/helpers/fake-canvas';
import type { RunHistoryEntry } from '../platform/run-history';
import { resetStudio, useStudio } from '../state/store';
import type { ExperimentState, PreviewImage } from '../worker/protocol';
import { StoredPreviews } from './StoredPreviews';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

const flat = { min: 0, max: 0, displayMin: 0, displayMax: 0, flat: true };
const image = (fill: number): PreviewImage => ({
  width: 1,
  height: 1,
  gray: new Uint8ClampedArray(4).fill(fill),
  color: new Uint8ClampedArray(4).fill(fill),
  stretched: new Uint8ClampedArray(4).fill(fill),
  ranges: [flat, flat, flat],
  nearConstant: true,
});

function entry(experimentId: string, runIndex: number, steps: number[]): RunHistoryEntry {
  return {
    id: `${experimentId}/${runIndex}/0`,
    experimentId,
    experimentName: experimentId,
    runIndex,
    stageIndex: 0,
    report: { settings: { stage: 'colorModule' } } as RunHistoryEntry['report'],
    curves: { loss: [], validations: [] },
    previews: steps.map((step) => ({ step, images: [image(step)] })),
    savedAt: '',
  };
}

const run = (index: number, title: string) => ({
  index,
  colorizer: 'coloru' as const,
  seed: index,
  fraction: 1,
  draw: 0,
  stages: ['colorModule' as const],
  title,
  status: 'done' as const,
});

let root: Root;
let container: HTMLDivElement;
let painted: Map<string, Uint8ClampedArray>;

beforeEach(() => {
  resetStudio();
  painted = installFakeCanvas();
  const current = { id: 'e1', runs: [run(0, 'CM seed 0'), run(1, 'CM seed 1')] };
  useStudio.setState({
    experiment: { current: current as unknown as ExperimentState, busy: false, error: null },
    history: {
      ...useStudio.getState().history,
      entries: [entry('e1', 0, [10, 20]), entry('other', 0, [5]), entry('e1', 1, [30])],
    },
  });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root.render(<StoredPreviews />));
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const heading = () => container.querySelector('h3')?.textContent;
const shownFill = () => painted.get('Colorized by T 1')?.[0];

function change(element: HTMLInputElement | HTMLSelectElement, value: string) {
  const proto = Object.getPrototypeOf(element);
  act(() => {
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(element, value);
    element.dispatchEvent(
      new Event(element.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }),
    );
  });
}

it('shows the newest snapshot of the first run, and walks back with the slider', () => {
  expect(heading()).toBe('Colorization by run: CM seed 0: Color Module, step 20');
  expect(shownFill()).toBe(20);
  const options = [...container.querySelectorAll('option')].map((o) => o.textContent);
  expect(options).toEqual(['CM seed 0: Color Module', 'CM seed 1: Color Module']);
  change(container.querySelector('input[type="range"]') as HTMLInputElement, '0');
  expect(heading()).toMatch(/step 10$/);
  expect(shownFill()).toBe(10);
});

it('switches to another run and shows its own snapshots', () => {
  change(container.querySelector('select') as HTMLSelectElement, 'e1/1/0');
  expect(heading()).toBe('Colorization by run: CM seed 1: Color Module, step 30');
  expect(shownFill()).toBe(30);
});
