// Contact-sheet groups and thumbnails: classes as a reader names them, box-averaged shrinking.
import { expect, it } from 'vitest';
import { sheetGroups, thumbnail } from './contact-sheet';

const item = (path: string, target: number[], mask = target.map(() => 1)) => ({
  path,
  patientId: path,
  target,
  mask,
});

it('groups a binary label into both classes, named', () => {
  const index = {
    labels: ['PNEUMONIA'],
    items: [item('a', [1]), item('b', [0]), item('c', [1]), item('u', [0], [0])],
  };
  expect(sheetGroups(index, 'NORMAL')).toEqual([
    { name: 'PNEUMONIA', paths: ['a', 'c'] },
    { name: 'NORMAL', paths: ['b'] },
  ]);
  expect(sheetGroups(index)[1]?.name).toBe('without PNEUMONIA');
});

it('groups several findings by positives, and the images with none', () => {
  const index = {
    labels: ['Edema', 'Effusion'],
    items: [item('a', [1, 1]), item('b', [0, 1]), item('c', [0, 0]), item('d', [1, 0], [0, 1])],
  };
  expect(sheetGroups(index)).toEqual([
    { name: 'Edema', paths: ['a'] },
    { name: 'Effusion', paths: ['a', 'b'] },
    { name: 'no finding', paths: ['c', 'd'] },
  ]);
});

it('shrinks by averaging boxes, keeps the aspect, never enlarges, and maps 16-bit to 8-bit', () => {
  const pixels = Uint8Array.from({ length: 4 * 2 }, (_, i) => (i % 2 === 0 ? 0 : 200));
  expect(thumbnail({ width: 4, height: 2, pixels }, 2)).toEqual({
    width: 2,
    height: 1,
    pixels: Uint8Array.of(100, 100),
  });
  expect(thumbnail({ width: 4, height: 2, pixels }, 64).pixels).toEqual(pixels);
  const deep = thumbnail({ width: 1, height: 1, pixels: Uint16Array.of(65535) }, 8);
  expect(deep.pixels).toEqual(Uint8Array.of(255));
});
