// Reads the entropy-coded bits of a scan (ITU T.81 F.2.2.5): a 0xFF byte is followed by a stuffed
// 0x00, and any other byte after 0xFF is a marker, which ends the scan's data. Huffman lookups
// peek up to 16 bits ahead, so past the data the reader supplies zero bits, but consuming one of
// them means the scan's data ran out: that is the truncation check.
import { JpegError } from './jpeg-error';

export class BitReader {
  /** The next `count` bits are the low ones, most significant first (bits above are stale and
   *  shifted out); the last `padding` of them are not data. An int32, so V8 keeps it unboxed. */
  private bits = 0;
  private count = 0;
  private padding = 0;

  constructor(
    readonly data: Uint8Array,
    /** The next byte to read; at the end, the marker (or end of data) the scan stopped at. */
    public position: number,
  ) {}

  /** Keeps at least 17 bits buffered (24 at most, so the buffered ones fit a 32-bit integer). */
  private fill(): void {
    while (this.count <= 16) {
      const byte = this.nextByte();
      this.bits = (this.bits << 8) | byte;
      this.count += 8;
    }
  }

  private nextByte(): number {
    const { data } = this;
    const byte = data[this.position];
    if (
      this.padding > 0 ||
      byte === undefined ||
      (byte === 0xff && data[this.position + 1] !== 0)
    ) {
      this.padding += 8;
      return 0;
    }
    this.position += byte === 0xff ? 2 : 1;
    return byte;
  }

  /** The next `n` bits (n ≤ 16) without consuming them. */
  peek(n: number): number {
    if (this.count < n) this.fill();
    return (this.bits >>> (this.count - n)) & ((1 << n) - 1);
  }

  skip(n: number): void {
    this.count -= n;
    if (this.count < this.padding) throw new JpegError('JPEG data ends inside scan');
  }

  read(n: number): number {
    const value = this.peek(n);
    this.skip(n);
    return value;
  }

  /** Drops the bits left in the current byte and any bytes read ahead: fill bits only, as an
   *  interval's data ends right before its restart marker (reading ahead stops at a marker). */
  reset(): void {
    this.bits = 0;
    this.count = 0;
    this.padding = 0;
  }
}
