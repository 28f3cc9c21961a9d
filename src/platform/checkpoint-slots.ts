// Two checkpoint slots over a small key-value store (IndexedDB in the browser, a Map in Node
// tests): a save goes to the slot that is not current and flips the head to it in the same
// transaction, so a crash or a refused write mid-save leaves the last good checkpoint current,
// and the one before it stays as a fallback. Each slot's summary carries the xxHash32 of its
// bytes (test/bench/checksum.ts), checked at load.
import type { StageId } from '../core/train/stages';
import { xxHash32 } from '../core/util/xxhash32';

/** A checkpoint the worker can continue from (reported at init and after each save). */
export interface CheckpointInfo {
  stage: StageId;
  step: number;
  totalSteps: number;
  savedAt: string;
}

/** The summary as stored: `checksum` (and `byteLength`) are absent for checkpoints saved before
 *  them. */
type StoredInfo = CheckpointInfo & { checksum?: number; byteLength?: number };

/** A loaded checkpoint; `damaged` is the newer one that failed its checksum, when this is the
 *  one before it. */
export interface LoadedCheckpoint {
  bytes: Uint8Array;
  info: CheckpointInfo;
  damaged?: CheckpointInfo;
}

export interface SlotStore {
  get<T>(key: string): Promise<T | undefined>;
  /** Every put and deletion in one transaction: all land, or none. */
  write(puts: [string, unknown][], deletions: string[]): Promise<void>;
}

/** Slot 0 has the keys of the one-slot store before it, so its checkpoint is read as slot 0. */
const SLOTS = [
  { bytes: 'latest', info: 'latest-info' },
  { bytes: 'other', info: 'other-info' },
] as const;
const HEAD = 'head';

export class CheckpointSlots {
  constructor(private readonly kv: SlotStore) {}

  private async head(): Promise<0 | 1> {
    return (await this.kv.get<0 | 1>(HEAD)) ?? 0;
  }

  async save(bytes: Uint8Array, info: CheckpointInfo): Promise<void> {
    const next = (1 - (await this.head())) as 0 | 1;
    const slot = SLOTS[next];
    const stored: StoredInfo = { ...info, checksum: xxHash32(bytes), byteLength: bytes.byteLength };
    await this.kv.write(
      [
        [slot.bytes, bytes],
        [slot.info, stored],
        [HEAD, next],
      ],
      [],
    );
  }

  /** Bytes held by both slots, from their summaries (no payload read; 0 for slots saved before
   *  sizes were recorded). */
  async storedBytes(): Promise<number> {
    const infos = await Promise.all(SLOTS.map((slot) => this.kv.get<StoredInfo>(slot.info)));
    return infos.reduce((sum, info) => sum + (info?.byteLength ?? 0), 0);
  }

  /** The current checkpoint's summary (not checked: that reads its bytes). */
  async loadInfo(): Promise<CheckpointInfo | undefined> {
    const info = await this.kv.get<StoredInfo>(SLOTS[await this.head()].info);
    return info && withoutChecksum(info);
  }

  /** The current checkpoint if it passes its checksum, else the one before it (with `damaged`
   *  set); undefined when there is none. Throws when every stored one is damaged. */
  async load(): Promise<LoadedCheckpoint | undefined> {
    const head = await this.head();
    const current = await this.readSlot(head);
    if (current === undefined) return undefined;
    if (current !== 'damaged') return current;
    const damaged = await this.kv.get<StoredInfo>(SLOTS[head].info);
    const before = await this.readSlot((1 - head) as 0 | 1);
    if (before === undefined || before === 'damaged' || !damaged) {
      throw new Error(
        'The saved checkpoint is damaged (its checksum does not match) and there is no good one before it; start the stage again.',
      );
    }
    return { ...before, damaged: withoutChecksum(damaged) };
  }

  private async readSlot(index: 0 | 1): Promise<LoadedCheckpoint | 'damaged' | undefined> {
    const slot = SLOTS[index];
    const [bytes, info] = await Promise.all([
      this.kv.get<Uint8Array>(slot.bytes),
      this.kv.get<StoredInfo>(slot.info),
    ]);
    if (!bytes || !info) return undefined;
    if (info.checksum !== undefined && info.checksum !== xxHash32(bytes)) return 'damaged';
    return { bytes, info: withoutChecksum(info) };
  }

  /** Forgets both checkpoints (a stage finished, or a new model was built). */
  clear(): Promise<void> {
    return this.kv.write([], [HEAD, ...SLOTS.flatMap((s) => [s.info, s.bytes])]);
  }
}

function withoutChecksum({ checksum: _, byteLength: __, ...info }: StoredInfo): CheckpointInfo {
  return info;
}

/** The page's line when a resume fell back to the checkpoint before a damaged one. */
export const fallbackMessage = (loaded: LoadedCheckpoint) =>
  `The last checkpoint (step ${loaded.damaged?.step}) was damaged; resumed from the one before, step ${loaded.info.step}.`;
