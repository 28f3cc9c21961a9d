// @vitest-environment jsdom
// A stage card names E's start as the built model has it: PRETRAINED only with ImageNet weights.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeEach, expect, it } from 'vitest';
import { resetStudio, useStudio } from '../state/store';
import { StageCard } from './StageCard';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

beforeEach(resetStudio);

function backboneLine(isPretrained: boolean | null): string | undefined {
  if (isPretrained !== null) {
    const { spec } = useStudio.getState().model;
    const built = {
      spec,
      parameters: { colorizer: 0, backbone: 0, classifier: 0 },
      pretrained: '',
      isPretrained,
    };
    useStudio.setState({ model: { ...useStudio.getState().model, built } });
  }
  const container = document.createElement('div');
  const root = createRoot(container);
  act(() => root.render(<StageCard stage="colorModule" />));
  const line = [...container.querySelectorAll('.parts li')].map((li) => li.textContent)[1];
  act(() => root.unmount());
  return line;
}

it('says NOT PRETRAINED for a random E, PRETRAINED for an ImageNet one, ImageNet before a build', () => {
  expect(backboneLine(false)).toBe('E: frozen, random initialization (NOT PRETRAINED)');
  expect(backboneLine(true)).toBe('E: frozen, ImageNet (PRETRAINED)');
  resetStudio();
  expect(backboneLine(null)).toBe('E: frozen, ImageNet');
});
