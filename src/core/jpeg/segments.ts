// The marker segments of a sequential Huffman-coded JPEG stream (ITU T.81 B.2): frame header,
// Huffman and quantization tables, restart interval, scan header. Each parser takes the segment's
// body (after its length field) and checks what the decoder relies on.
import { buildHuffmanTable, type HuffmanTable } from './huffman';
import { JpegError } from './jpeg-error';

export interface FrameComponent {
  id: number;
  /** Horizontal and vertical sampling factors (1..4). */
  h: number;
  v: number;
  quantTable: number;
}

export interface Frame {
  /** Sample precision in bits: 8 (baseline and extended) or 12 (extended). */
  precision: number;
  /** Number of lines (Y) and samples per line (X). */
  height: number;
  width: number;
  components: FrameComponent[];
}

export interface ScanComponent {
  /** Index into the frame's components. */
  index: number;
  dcTable: number;
  acTable: number;
}

/** Tables in force; DHT and DQT may redefine them between scans (B.2.4). */
export interface Tables {
  dc: (HuffmanTable | undefined)[];
  ac: (HuffmanTable | undefined)[];
  /** 64 entries each, in zigzag order as stored. */
  quant: (Uint16Array | undefined)[];
}

function byteAt(body: Uint8Array, at: number, segment: string): number {
  const value = body[at];
  if (value === undefined) throw new JpegError(`JPEG ${segment} segment is too short`);
  return value;
}

const word = (body: Uint8Array, at: number, segment: string) =>
  (byteAt(body, at, segment) << 8) | byteAt(body, at + 1, segment);

export function parseFrame(body: Uint8Array): Frame {
  const precision = byteAt(body, 0, 'frame header');
  if (precision !== 8 && precision !== 12) {
    throw new JpegError(`JPEG sample precision ${precision} is not supported (8 or 12 bits)`);
  }
  const height = word(body, 1, 'frame header');
  const width = word(body, 3, 'frame header');
  if (height === 0)
    throw new JpegError('JPEG frame height 0 (set by a DNL marker) is not supported');
  if (width === 0) throw new JpegError('JPEG frame width is 0');
  const count = byteAt(body, 5, 'frame header');
  if (count !== 1 && count !== 3) {
    throw new JpegError(`JPEG frame has ${count} components (1 or 3 are supported)`);
  }
  const components = Array.from({ length: count }, (_, i) => {
    const at = 6 + 3 * i;
    const sampling = byteAt(body, at + 1, 'frame header');
    const component = { id: body[at] as number, h: sampling >> 4, v: sampling & 15 };
    if (component.h < 1 || component.h > 4 || component.v < 1 || component.v > 4) {
      throw new JpegError(
        `JPEG component ${component.id} has sampling factors ${component.h}×${component.v}`,
      );
    }
    return { ...component, quantTable: byteAt(body, at + 2, 'frame header') & 3 };
  });
  return { precision, height, width, components };
}

export function parseHuffmanTables(body: Uint8Array, tables: Tables): void {
  let at = 0;
  while (at < body.length) {
    const classAndId = byteAt(body, at, 'DHT');
    const counts = body.subarray(at + 1, at + 17);
    const total = counts.reduce((sum, n) => sum + n, 0);
    if (counts.length < 16 || at + 17 + total > body.length) {
      throw new JpegError('JPEG DHT segment is too short');
    }
    const table = buildHuffmanTable(counts, body.slice(at + 17, at + 17 + total));
    (classAndId >> 4 === 0 ? tables.dc : tables.ac)[classAndId & 3] = table;
    at += 17 + total;
  }
}

/** 8-bit (Pq 0) or 16-bit (Pq 1, for 12-bit samples) entries. */
export function parseQuantTables(body: Uint8Array, tables: Tables): void {
  let at = 0;
  while (at < body.length) {
    const precisionAndId = byteAt(body, at, 'DQT');
    const wide = precisionAndId >> 4 === 1;
    const entries = new Uint16Array(64);
    for (let k = 0; k < 64; k++) {
      entries[k] = wide ? word(body, at + 1 + 2 * k, 'DQT') : byteAt(body, at + 1 + k, 'DQT');
    }
    tables.quant[precisionAndId & 3] = entries;
    at += 1 + (wide ? 128 : 64);
  }
}

export function parseRestartInterval(body: Uint8Array): number {
  return word(body, 0, 'DRI');
}

/** The scan's components; refuses the spectral selection and successive approximation that only
 *  progressive scans use. */
export function parseScan(body: Uint8Array, frame: Frame): ScanComponent[] {
  const count = byteAt(body, 0, 'scan header');
  const components = Array.from({ length: count }, (_, i) => {
    const id = byteAt(body, 1 + 2 * i, 'scan header');
    const index = frame.components.findIndex((c) => c.id === id);
    if (index < 0) throw new JpegError(`JPEG scan names component ${id}, which the frame lacks`);
    const tables = byteAt(body, 2 + 2 * i, 'scan header');
    return { index, dcTable: tables >> 4, acTable: tables & 15 };
  });
  const at = 1 + 2 * count;
  const [start, end, approximation] = [0, 1, 2].map((k) => byteAt(body, at + k, 'scan header'));
  if (count === 0 || start !== 0 || end !== 63 || approximation !== 0) {
    throw new JpegError('JPEG scan is not a sequential DCT scan');
  }
  return components;
}
