// The two checkpoint slots over the in-memory store the session tests use: a damaged current
// checkpoint falls back to the one before, a refused save leaves the last good one current, and
// a checkpoint saved before checksums is still read.
import { describe, expect, it } from 'vitest';
import { MemoryCheckpoints } from '../../test/helpers/session-fakes';
import { type CheckpointInfo, fallbackMessage } from './checkpoint-slots';

const info = (step: number): CheckpointInfo => ({
  stage: 'colorModule',
  step,
  totalSteps: 10,
  savedAt: `t${step}`,
});
const bytesOf = (step: number) => Uint8Array.from({ length: 64 }, (_, i) => (i * step) % 251);
const quotaError = () => new DOMException('no room', 'QuotaExceededError');

/** Flips one byte of the checkpoint under `key` as stored. */
function damage(store: MemoryCheckpoints, key: string): void {
  const stored = store.records.get(key) as Uint8Array;
  stored[7] = (stored[7] ?? 0) ^ 0x10;
}

describe('checkpoint slots', () => {
  it('load returns the current checkpoint when it is intact', async () => {
    const store = new MemoryCheckpoints();
    await store.save(bytesOf(2), info(2));
    await store.save(bytesOf(4), info(4));
    const loaded = await store.load();
    expect(loaded?.info.step).toBe(4);
    expect(loaded?.bytes).toEqual(bytesOf(4));
    expect(loaded?.damaged).toBeUndefined();
  });

  it('a damaged current checkpoint falls back to the one before, and says so', async () => {
    const store = new MemoryCheckpoints();
    await store.save(bytesOf(2), info(2));
    await store.save(bytesOf(4), info(4)); // the first save went to slot 1, this one to slot 0
    damage(store, 'latest');
    const loaded = await store.load();
    expect(loaded?.bytes).toEqual(bytesOf(2));
    expect(loaded?.info.step).toBe(2);
    expect(loaded?.damaged?.step).toBe(4);
    expect(fallbackMessage(loaded as NonNullable<typeof loaded>)).toBe(
      'The last checkpoint (step 4) was damaged; resumed from the one before, step 2.',
    );
  });

  it('refuses to load when every stored checkpoint is damaged', async () => {
    const store = new MemoryCheckpoints();
    await store.save(bytesOf(2), info(2));
    damage(store, 'other');
    await expect(store.load()).rejects.toThrow(/damaged .* no good one before it/);
  });

  it('a save refused for lack of space leaves the last good checkpoint current and whole', async () => {
    const store = new MemoryCheckpoints();
    await store.save(bytesOf(2), info(2));
    await store.save(bytesOf(4), info(4));
    store.refuse = quotaError;
    await expect(store.save(bytesOf(6), info(6))).rejects.toThrow('no room');
    expect((await store.loadInfo())?.step).toBe(4);
    expect((await store.load())?.bytes).toEqual(bytesOf(4));
    store.refuse = null; // space freed: saving works again, and the step-4 one becomes the fallback
    await store.save(bytesOf(8), info(8)); // into slot 1, over step 2
    damage(store, 'other');
    expect((await store.load())?.info.step).toBe(4);
  });

  it('reads a checkpoint stored before checksums (one slot, no checksum) unverified', async () => {
    const store = new MemoryCheckpoints();
    store.records.set('latest', bytesOf(3));
    store.records.set('latest-info', info(3));
    expect((await store.loadInfo())?.step).toBe(3);
    expect((await store.load())?.bytes).toEqual(bytesOf(3));
    await store.save(bytesOf(5), info(5)); // goes to slot 1; the old one is the fallback
    damage(store, 'other');
    expect((await store.load())?.info.step).toBe(3);
  });

  it('counts the bytes both slots hold, and keeps the count out of the summary', async () => {
    const store = new MemoryCheckpoints();
    expect(await store.storedBytes()).toBe(0);
    await store.save(bytesOf(2), info(2));
    await store.save(bytesOf(4), info(4));
    await store.save(bytesOf(6), info(6)); // overwrites the oldest slot
    expect(await store.storedBytes()).toBe(2 * 64);
    expect(await store.loadInfo()).toEqual(info(6));
  });

  it('clear forgets both slots', async () => {
    const store = new MemoryCheckpoints();
    await store.save(bytesOf(2), info(2));
    await store.save(bytesOf(4), info(4));
    await store.clear();
    expect(await store.load()).toBeUndefined();
    expect(await store.loadInfo()).toBeUndefined();
  });
});
