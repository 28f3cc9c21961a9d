// A DICOM data set reader (PS3.5 ch. 7): the top-level elements of a file, with sequences and
// encapsulated pixel data split into items and fragments. Written here rather than taken from
// npm's dicom-parser: the core may import nothing but tfjs (test/unit/boundaries.test.ts), and
// the reader needs only a few tags, so a small parser is cheaper than a layer exception.

/** A file the reader cannot decode; the message names the problem. */
export class DicomError extends Error {
  override name = 'DicomError';
}

export interface Element {
  /** (group << 16 | element), unsigned. */
  tag: number;
  /** The value's bytes, a view into the file; empty for undefined lengths. */
  value: Uint8Array;
  /** A sequence's items. */
  items?: DataSet[];
  /** Encapsulated pixel data: the Basic Offset Table first, then the frames' fragments. */
  fragments?: Uint8Array[];
}

export interface DataSet {
  elements: Map<number, Element>;
  /** The byte order of its numeric values. */
  littleEndian: boolean;
}

export interface Encoding {
  explicitVr: boolean;
  littleEndian: boolean;
}

interface Cursor extends Encoding {
  bytes: Uint8Array;
  view: DataView;
  pos: number;
}

export const PIXEL_DATA = 0x7fe00010;
const ITEM = 0xfffee000;
const ITEM_END = 0xfffee00d;
const SEQUENCE_END = 0xfffee0dd;
const UNDEFINED_LENGTH = 0xffffffff;
/** Sequences read in implicit VR, where the file does not say an element is one. */
const SEQUENCE_TAGS = new Set([0x00283000, 0x00283010]);
/** Explicit VRs with a 2-byte reserved field and a 4-byte length (PS3.5 7.1.2). */
const LONG_VRS = new Set([
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'SQ',
  'SV',
  'UC',
  'UN',
  'UR',
  'UT',
  'UV',
]);

export function tagName(tag: number): string {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  return `(${hex(tag >>> 16)},${hex(tag & 0xffff)})`;
}

export function cursorAt(bytes: Uint8Array, pos: number, encoding: Encoding): Cursor {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { bytes, view, pos, ...encoding };
}

function need(cursor: Cursor, count: number, what: string): void {
  if (cursor.pos + count > cursor.bytes.length) {
    throw new DicomError(
      `the file is truncated: ${what} at byte ${cursor.pos} needs ${count} bytes, ` +
        `the file ends at ${cursor.bytes.length}`,
    );
  }
}

function u16(cursor: Cursor): number {
  cursor.pos += 2;
  return cursor.view.getUint16(cursor.pos - 2, cursor.littleEndian);
}

function u32(cursor: Cursor): number {
  cursor.pos += 4;
  return cursor.view.getUint32(cursor.pos - 4, cursor.littleEndian);
}

function peekTag(cursor: Cursor): number {
  const group = cursor.view.getUint16(cursor.pos, cursor.littleEndian);
  const element = cursor.view.getUint16(cursor.pos + 2, cursor.littleEndian);
  return ((group << 16) | element) >>> 0;
}

/** Tag, VR ('' in implicit VR and for item tags) and value length of the next element. */
function readHeader(cursor: Cursor): { tag: number; vr: string; length: number } {
  need(cursor, 8, 'an element header');
  const tag = peekTag(cursor);
  cursor.pos += 4;
  if (!cursor.explicitVr || tag >>> 16 === 0xfffe) return { tag, vr: '', length: u32(cursor) };
  const vr = String.fromCharCode(cursor.bytes[cursor.pos] ?? 0, cursor.bytes[cursor.pos + 1] ?? 0);
  cursor.pos += 2;
  if (!LONG_VRS.has(vr)) return { tag, vr, length: u16(cursor) };
  need(cursor, 6, `the length of ${tagName(tag)}`);
  cursor.pos += 2;
  return { tag, vr, length: u32(cursor) };
}

function take(cursor: Cursor, length: number, what: string): Uint8Array {
  need(cursor, length, what);
  cursor.pos += length;
  return cursor.bytes.subarray(cursor.pos - length, cursor.pos);
}

/** Items up to `end` (defined length) or up to the sequence delimiter (undefined length). */
function readItems(cursor: Cursor, length: number, tag: number): DataSet[] {
  const end = length === UNDEFINED_LENGTH ? Number.POSITIVE_INFINITY : cursor.pos + length;
  const items: DataSet[] = [];
  while (cursor.pos < end) {
    const header = readHeader(cursor);
    if (header.tag === SEQUENCE_END) break;
    if (header.tag !== ITEM) throw new DicomError(`${tagName(tag)} holds a non-item element`);
    const itemEnd =
      header.length === UNDEFINED_LENGTH ? Number.POSITIVE_INFINITY : cursor.pos + header.length;
    items.push(readDataSet(cursor, { end: itemEnd }));
  }
  return items;
}

/** The fragments of encapsulated pixel data, up to the sequence delimiter. */
function readFragments(cursor: Cursor): Uint8Array[] {
  const fragments: Uint8Array[] = [];
  for (;;) {
    const header = readHeader(cursor);
    if (header.tag === SEQUENCE_END) return fragments;
    if (header.tag !== ITEM)
      throw new DicomError('encapsulated pixel data holds a non-item element');
    fragments.push(take(cursor, header.length, `pixel data fragment ${fragments.length}`));
  }
}

function readElement(cursor: Cursor): Element | 'item-end' {
  const { tag, vr, length } = readHeader(cursor);
  if (tag === ITEM_END) return 'item-end';
  const empty = cursor.bytes.subarray(0, 0);
  if (length === UNDEFINED_LENGTH && tag === PIXEL_DATA) {
    return { tag, value: empty, fragments: readFragments(cursor) };
  }
  if (length === UNDEFINED_LENGTH || vr === 'SQ' || (vr === '' && SEQUENCE_TAGS.has(tag))) {
    // An undefined-length UN element is a sequence in implicit VR little endian (PS3.5 6.2.2).
    const nested =
      vr === 'UN'
        ? cursorAt(cursor.bytes, cursor.pos, { explicitVr: false, littleEndian: true })
        : cursor;
    const items = readItems(nested, length, tag);
    cursor.pos = nested.pos;
    return { tag, value: empty, items };
  }
  return { tag, value: take(cursor, length, `the value of ${tagName(tag)}`) };
}

interface Bounds {
  /** A defined item length's end; else the file's end or, for an item, its delimiter. */
  end: number;
  /** Ends the set before such a tag (the file meta group ends where group 0002 does). */
  before?: (tag: number) => boolean;
  /** Ends the set after such a tag (the top level after the pixel data: nothing needed follows). */
  after?: (tag: number) => boolean;
}

/** Elements from the cursor up to the bounds or an item delimiter. */
export function readDataSet(cursor: Cursor, { end, before, after }: Bounds): DataSet {
  const elements = new Map<number, Element>();
  while (cursor.pos < Math.min(end, cursor.bytes.length)) {
    if (before && cursor.pos + 4 <= cursor.bytes.length && before(peekTag(cursor))) break;
    const element = readElement(cursor);
    if (element === 'item-end') break;
    elements.set(element.tag, element);
    if (after?.(element.tag)) break;
  }
  if (end !== Number.POSITIVE_INFINITY && end > cursor.bytes.length) {
    throw new DicomError(
      `the file is truncated: an item runs past its end at byte ${cursor.bytes.length}`,
    );
  }
  return { elements, littleEndian: cursor.littleEndian };
}

/** A file's data set, read up to its pixel data. */
export function readTopLevel(cursor: Cursor): DataSet {
  return readDataSet(cursor, { end: cursor.bytes.length, after: (tag) => tag === PIXEL_DATA });
}
