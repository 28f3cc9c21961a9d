import { describe, expect, it } from 'vitest';
import { generatePhantomDataset } from './dataset';
import { renderPhantom, renderPhantom16, renderPhantomValues } from './render';
import type { PhantomRecord } from './types';

const records = [
  ...generatePhantomDataset({
    seed: 31,
    patients: 4,
    site: 'chexpert',
    size: 96,
    imagesPerStudy: [2, 2],
  }),
];
const first = records[0] as PhantomRecord;

function meanAbsoluteDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] as number) - (b[i] as number));
  return sum / a.length;
}

describe('renderPhantom', () => {
  it('is deterministic: the same record gives identical pixels', () => {
    expect(renderPhantom(first).pixels).toEqual(renderPhantom(first).pixels);
  });

  it('differs with another image seed, and more with another patient', () => {
    const base = renderPhantom(first, { width: 64, height: 64 }).pixels;
    const reshot = { ...first, seeds: { ...first.seeds, image: first.seeds.image + 1 } };
    const otherPatient = { ...first, seeds: { ...first.seeds, patient: first.seeds.patient + 1 } };
    expect(
      meanAbsoluteDifference(base, renderPhantom(reshot, { width: 64, height: 64 }).pixels),
    ).toBeGreaterThan(1);
    expect(renderPhantom(otherPatient, { width: 64, height: 64 }).pixels).not.toEqual(base);
  });

  it('has the record size (CheXpert: portrait, varying) or the requested one', () => {
    for (const record of records) {
      const image = renderPhantom(record);
      expect([image.width, image.height]).toEqual([record.width, record.height]);
      expect(image.pixels).toHaveLength(record.width * record.height);
      expect(record.height).toBeGreaterThanOrEqual(record.width);
    }
    expect(new Set(records.map((record) => record.height)).size).toBeGreaterThan(1);
    const small = renderPhantom(first, { width: 40, height: 50 });
    expect([small.width, small.height, small.pixels.length]).toEqual([40, 50, 2000]);
  });

  it('spans black air to bright bone, frontal and lateral alike', () => {
    for (const record of records) {
      const { values } = renderPhantomValues(record);
      const [low, high] = [Math.min(...values), Math.max(...values)];
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      expect(low, record.view).toBeGreaterThanOrEqual(0);
      expect(low, record.view).toBeLessThan(0.12);
      expect(high, record.view).toBeLessThanOrEqual(1);
      expect(high, record.view).toBeGreaterThan(0.7);
      expect(mean, record.view).toBeGreaterThan(0.3);
      expect(mean, record.view).toBeLessThan(0.8);
    }
    expect(records.some((record) => record.view === 'lateral')).toBe(true);
  });

  it('writes the same image in 16 bits with the extra precision', () => {
    const eight = renderPhantom(first);
    const sixteen = renderPhantom16(first);
    expect(sixteen.bitDepth).toBe(16);
    expect(
      meanAbsoluteDifference(
        eight.pixels,
        Array.from(sixteen.pixels, (v) => v / 257),
      ),
    ).toBeLessThan(0.5);
    expect(sixteen.pixels.some((value) => value % 257 !== 0)).toBe(true);
  });

  it('gives the second site another intensity response for the same anatomy', () => {
    const nih = { ...first, site: 'chestxray14' as const };
    const size = { width: 64, height: 64 };
    const shift = meanAbsoluteDifference(
      renderPhantom(first, size).pixels,
      renderPhantom(nih, size).pixels,
    );
    expect(shift).toBeGreaterThan(8); // grey levels of 255
  });
});
