// xxHash32 against the reference C library (through Python's xxhash, scripts/fixtures/
// gen_xxhash_fixtures.py): lengths around every stripe, word and tail boundary, four seeds,
// aligned and unaligned views.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../test/helpers/fixtures';
import { xxHash32 } from './xxhash32';

interface Vectors {
  bytes: { length: number; offset: number; seed: number; hash: number }[];
  text: { text: string; seed: number; hash: number }[];
}
const vectors = JSON.parse(
  readFileSync(resolve(FIXTURES, 'util', 'xxhash32.json'), 'utf8'),
) as Vectors;

/** byte i = (i · 31 + offset) mod 256, as the fixture script makes them. */
const data = (length: number, offset: number) =>
  Uint8Array.from({ length }, (_, i) => (i * 31 + offset) % 256);

describe('xxHash32', () => {
  it('matches the reference on text, including the published "abc" → 0x32D153FF', () => {
    for (const { text, seed, hash } of vectors.text) {
      expect(xxHash32(new TextEncoder().encode(text), seed)).toBe(hash);
    }
    expect(vectors.text.find((t) => t.text === 'abc')?.hash).toBe(0x32d153ff);
  });

  it('matches the reference for every length and seed (aligned views)', () => {
    for (const { length, offset, seed, hash } of vectors.bytes) {
      expect(xxHash32(data(length, offset), seed), `length ${length} seed ${seed}`).toBe(hash);
    }
  });

  it('reads unaligned views the same (the DataView path)', () => {
    for (const { length, offset, seed, hash } of vectors.bytes) {
      const padded = new Uint8Array(length + 1);
      padded.set(data(length, offset), 1);
      expect(xxHash32(padded.subarray(1), seed), `length ${length} seed ${seed}`).toBe(hash);
    }
  });
});
