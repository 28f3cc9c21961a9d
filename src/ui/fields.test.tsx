// @vitest-environment jsdom
// A long failure (every tensor of a weights file that does not fit) reads as one line, with the
// list folded away beneath it; a one-line failure has nothing to unfold.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { expect, it } from 'vitest';
import { ErrorText } from './fields';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

function render(error: string) {
  const container = document.createElement('div');
  act(() => createRoot(container).render(<ErrorText error={error} />));
  return container;
}

it('shows the first line and folds the rest', () => {
  const shown = render(
    'm.zip: 2 unexpected tensors (nothing loaded)\n  unexpected a\n  unexpected b',
  );
  const alert = shown.querySelector('[role="alert"]');
  expect(alert?.querySelector('p')?.textContent).toBe(
    'm.zip: 2 unexpected tensors (nothing loaded)',
  );
  expect(alert?.querySelector('details')?.open).toBe(false);
  expect(alert?.querySelector('summary')?.textContent).toBe('All 2 details');
  expect(alert?.querySelector('pre')?.textContent).toBe('unexpected a\nunexpected b');
});

it('has nothing to unfold for a one-line failure', () => {
  const shown = render('Failed');
  expect(shown.querySelector('details')).toBeNull();
  expect(shown.textContent).toBe('Failed');
});
