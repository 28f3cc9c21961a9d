import { expect, it } from 'vitest';
import { backendsFromUrl } from './backends-from-url';

it('reads a backend order from the query string, ignoring unknown names', () => {
  expect(backendsFromUrl('?backends=webgl,cpu')).toEqual(['webgl', 'cpu']);
  expect(backendsFromUrl('?backends=CPU,%20metal')).toEqual(['cpu']);
  expect(backendsFromUrl('?backends=metal')).toBeUndefined();
  expect(backendsFromUrl('')).toBeUndefined();
});
