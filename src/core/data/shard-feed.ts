// A seeded training feed over a sharded image store (the IndexedDB cache, or anything that loads a
// shard's images): bounded memory, prefetch, SPEC §4 augmentation. Core: imports tfjs (via
// memory-feed) and itself only; the loader is passed in, so it runs in Node tests too.
import { createRandom, deriveSeed, type Random, shuffled } from '../util/random';
import type { Batch, BatchFeed, FeedOptions } from './feed';
import { buildBatch, type FeedItem, type GrayPixels } from './memory-feed';

/** One training example by position in the store: shard index and slot within the shard. */
export interface ShardedItem {
  shard: number;
  slot: number;
  target: readonly number[];
  mask: readonly number[];
}

/** Loads every image of one shard, indexed by slot. Called at most twice ahead of use. */
export type LoadShard = (shard: number) => Promise<readonly GrayPixels[]>;

/** Marks a prefetch promise as handled: a failed load surfaces when the batch is awaited, not as
 *  an unhandled rejection while nobody waits for it yet. Returns the same promise. */
function observed<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Endless seeded batches: each epoch visits the shards in a fresh shuffled order, `windowShards`
 * at a time; the items of a window are shuffled, then cut into batches (the few left over lead
 * the next window's first batch). Same seed and loader → same batches, whatever the timing.
 * Each batch belongs to its caller.
 */
export class ShardFeed implements BatchFeed {
  private readonly byShard = new Map<number, ShardedItem[]>();
  private readonly shuffleRandom: Random;
  private readonly augmentRandom: Random;
  private readonly window: number;
  private shardOrder: number[] = [];
  private pool: FeedItem[] = [];
  private loadingWindow: Promise<FeedItem[]> | null = null;
  private preparing: Promise<FeedItem[]>;

  constructor(
    items: readonly ShardedItem[],
    private readonly load: LoadShard,
    private readonly options: FeedOptions,
  ) {
    if (items.length < options.batchSize) {
      throw new RangeError(
        `ShardFeed: ${items.length} items cannot fill one batch of ${options.batchSize}`,
      );
    }
    for (const item of items) {
      const list = this.byShard.get(item.shard) ?? [];
      list.push(item);
      this.byShard.set(item.shard, list);
    }
    this.window = Math.max(1, options.windowShards ?? 4);
    this.shuffleRandom = createRandom(deriveSeed(options.seed, 'shard-feed:shuffle'));
    this.augmentRandom = createRandom(deriveSeed(options.seed, 'shard-feed:augment'));
    this.preparing = observed(this.draw());
  }

  /** Resolves once the prefetched next batch's images are in memory (memory measurements). */
  async prefetched(): Promise<void> {
    await this.preparing;
  }

  /** The next batch (x [N,S,S,1], targets and mask [N,L]) once its images are in memory; starts
   *  preparing the one after. */
  async next(): Promise<Batch> {
    const drawing = this.preparing;
    // Chained, so draws never overlap even if two calls do; the next one starts as this resolves.
    this.preparing = observed(drawing.then(() => this.draw()));
    const chosen = await drawing;
    const random = (this.options.augment ?? true) ? this.augmentRandom : null;
    return buildBatch(chosen, this.options.size, random);
  }

  /** The next N items, loading (and prefetching) windows as the pool runs low. */
  private async draw(): Promise<FeedItem[]> {
    const n = this.options.batchSize;
    while (this.pool.length < n) {
      const window = await (this.loadingWindow ?? this.loadWindow());
      this.pool = this.pool.concat(window); // left-overs first: they never linger
      this.loadingWindow = observed(this.loadWindow()); // prefetch while this window is consumed
    }
    const chosen = this.pool.slice(0, n);
    this.pool = this.pool.slice(n);
    return chosen;
  }

  /** The next `window` shards of the epoch order (reshuffled when used up; a window never spans
   *  two epochs), loaded and shuffled. The draws happen synchronously here, so the order never
   *  depends on load timing. */
  private loadWindow(): Promise<FeedItem[]> {
    if (this.shardOrder.length === 0) {
      this.shardOrder = shuffled([...this.byShard.keys()], this.shuffleRandom);
    }
    const shards = this.shardOrder.splice(0, this.window);
    const order = createRandom(Math.floor(this.shuffleRandom() * 2 ** 32));
    return Promise.all(shards.map((s) => this.loadItems(s))).then((lists) =>
      shuffled(lists.flat(), order),
    );
  }

  private async loadItems(shard: number): Promise<FeedItem[]> {
    const images = await this.load(shard);
    return (this.byShard.get(shard) ?? []).map((item) => {
      const image = images[item.slot];
      if (!image) throw new Error(`Shard ${shard} has no image in slot ${item.slot}`);
      return { image, target: item.target, mask: item.mask };
    });
  }
}
