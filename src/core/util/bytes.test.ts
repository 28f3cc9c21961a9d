import { expect, it } from 'vitest';
import { concatBytes } from './bytes';

it('joins parts end to end, and hands a single part back as it is', () => {
  expect(concatBytes([Uint8Array.of(1, 2), Uint8Array.of(), Uint8Array.of(3)])).toEqual(
    Uint8Array.of(1, 2, 3),
  );
  expect(concatBytes([])).toEqual(new Uint8Array(0));
  const only = Uint8Array.of(9);
  expect(concatBytes([only])).toBe(only);
});
