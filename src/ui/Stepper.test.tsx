// @vitest-environment jsdom
// The stepper's buttons keep plain names ("4. Train") whatever their state, and say the state —
// with a blocked step's reason — as their description; the viewed step is aria-current.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeEach, expect, it } from 'vitest';
import { resetStudio, useStudio } from '../state/store';
import { Stepper } from './Stepper';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

beforeEach(resetStudio);

const STEPS = [
  { id: 'data', title: 'Data' },
  { id: 'train', title: 'Train' },
] as const;

/** The text a screen reader names the button by: what is neither aria-hidden nor hidden. */
function spokenName(button: HTMLButtonElement): string {
  const copy = button.cloneNode(true) as HTMLElement;
  for (const silent of copy.querySelectorAll('[aria-hidden="true"], [hidden]')) silent.remove();
  return (copy.textContent ?? '').trim();
}

function renderStepper(): { buttons: HTMLButtonElement[]; unmount: () => void } {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(<Stepper steps={STEPS} />));
  const buttons = [...container.querySelectorAll('button')];
  return { buttons, unmount: () => act(() => root.unmount()) };
}

const description = (button: HTMLButtonElement) =>
  document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent;

it('names each step "N. Title" and describes its state, with the reason when blocked', () => {
  const { buttons, unmount } = renderStepper();
  const [data, train] = buttons as [HTMLButtonElement, HTMLButtonElement];
  expect(buttons.map(spokenName)).toEqual(['1. Data', '2. Train']);
  expect(description(data)).toBe('To do');
  expect(description(train)).toBe('Blocked: Load a dataset first (step 1, Data).');
  expect(data.getAttribute('aria-current')).toBe('step');
  act(() => train.click());
  expect(useStudio.getState().step).toBe('train');
  expect(train.getAttribute('aria-current')).toBe('step');
  expect(spokenName(train)).toBe('2. Train');
  unmount();
});
