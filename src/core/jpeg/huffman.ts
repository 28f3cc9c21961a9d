// Huffman tables (ITU T.81 Annex C) and the decoding of one symbol (F.2.2.3), plus RECEIVE and
// EXTEND (F.2.2.1) for the magnitude bits that follow it.
import type { BitReader } from './bit-reader';
import { JpegError } from './jpeg-error';

/** Codes up to this many bits are decoded by one table lookup; longer ones length by length. */
const LOOKUP_BITS = 9;

export interface HuffmanTable {
  /** Indexed by the next LOOKUP_BITS bits: (code length << 8) | symbol, or 0 for a longer code. */
  lookup: Uint16Array;
  /** Per code length 1..16: the largest code of that length (−1 if none), and where its
   *  symbols start in `symbols` minus its smallest code. */
  maxCode: Int32Array;
  offset: Int32Array;
  symbols: Uint8Array;
}

/** The canonical code assignment of C.2: codes of each length count up from the previous length's
 *  last code, shifted left by one. `counts[l − 1]` codes have length l. */
export function buildHuffmanTable(counts: ArrayLike<number>, symbols: Uint8Array): HuffmanTable {
  const lookup = new Uint16Array(1 << LOOKUP_BITS);
  const maxCode = new Int32Array(17).fill(-1);
  const offset = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const n = counts[length - 1] as number;
    offset[length] = k - code;
    for (let i = 0; i < n; i++, k++, code++) {
      if (code >= 1 << length) throw new JpegError('Huffman table has more codes than fit');
      if (length <= LOOKUP_BITS) fillLookup(lookup, code, length, symbols[k] as number);
    }
    if (n > 0) maxCode[length] = code - 1;
    code <<= 1;
  }
  return { lookup, maxCode, offset, symbols };
}

function fillLookup(lookup: Uint16Array, code: number, length: number, symbol: number): void {
  const first = code << (LOOKUP_BITS - length);
  lookup.fill((length << 8) | symbol, first, first + (1 << (LOOKUP_BITS - length)));
}

export function decodeSymbol(table: HuffmanTable, reader: BitReader): number {
  const entry = table.lookup[reader.peek(LOOKUP_BITS)] as number;
  if (entry !== 0) {
    reader.skip(entry >> 8);
    return entry & 0xff;
  }
  const bits = reader.peek(16);
  for (let length = LOOKUP_BITS + 1; length <= 16; length++) {
    const code = bits >>> (16 - length);
    if (code <= (table.maxCode[length] as number)) {
      reader.skip(length);
      return table.symbols[code + (table.offset[length] as number)] as number;
    }
  }
  throw new JpegError('Huffman code not in table');
}

/** RECEIVE(s) then EXTEND: s magnitude bits as a signed difference (F.2.2.1). */
export function receiveExtend(reader: BitReader, s: number): number {
  if (s === 0) return 0;
  const value = reader.read(s);
  return value < 1 << (s - 1) ? value - (1 << s) + 1 : value;
}
