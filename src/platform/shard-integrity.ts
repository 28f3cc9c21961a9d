// A cache shard's checksum (core's xxHash32, chosen in test/bench/checksum.ts) and what the page is
// told when one fails it. Pure: the image cache computes it at packing and checks it at each read.
import { bytesOf, xxHash32 } from '../core/util/xxhash32';

/** The parts of a shard record the checksum covers: the layout and every pixel. */
export interface ShardPayload {
  fileIndices: number[];
  widths: number[];
  heights: number[];
  pixels: Uint8Array | Uint16Array;
}

/** xxHash32 of the pixels' bytes, seeded with the hash of the layout: a damaged size or file
 *  index fails as a damaged pixel does. */
export function shardChecksum(payload: ShardPayload): number {
  const layout = JSON.stringify([payload.fileIndices, payload.widths, payload.heights]);
  return xxHash32(bytesOf(payload.pixels), xxHash32(new TextEncoder().encode(layout)));
}

/** False when the record carries a checksum that its payload no longer matches. Records written
 *  before checksums (none stored) pass unverified, so existing caches keep working. */
export const shardIntact = (record: ShardPayload & { checksum?: number }) =>
  record.checksum === undefined || record.checksum === shardChecksum(record);

/** At most this many file names in the message; the rest are counted. */
const NAMED_FILES = 5;

export function damagedShardMessage(dataset: string, index: number, files: readonly string[]) {
  const named = files.slice(0, NAMED_FILES).join(', ');
  const more = files.length > NAMED_FILES ? ` and ${files.length - NAMED_FILES} more` : '';
  return (
    `Shard ${index} of the cached dataset "${dataset}" is damaged (its checksum does not match): ` +
    `its ${files.length} images (${named}${more}) are no longer counted as cached. ` +
    'Drop the folder again: only those files are decoded again.'
  );
}
