// Typed reads of element values (PS3.5 6.2): strings, decimal and integer strings, and 16-bit
// binary numbers in the data set's byte order.
import { type DataSet, DicomError, tagName } from './data-set';

const LATIN1 = new TextDecoder('latin1');

/** The value as text, padding (spaces, NULs) trimmed; undefined when absent or empty. */
export function text(set: DataSet, tag: number): string | undefined {
  const value = set.elements.get(tag)?.value;
  if (!value || value.length === 0) return undefined;
  const trimmed = LATIN1.decode(value)
    .replace(/[\0 ]+$/, '')
    .trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The values of a multi-valued string, split on backslashes. */
export function texts(set: DataSet, tag: number): string[] {
  return (
    text(set, tag)
      ?.split('\\')
      .map((part) => part.trim()) ?? []
  );
}

/** A DS or IS value as a number (the first value by default); throws on text that is not one. */
export function decimal(set: DataSet, tag: number, index = 0): number | undefined {
  const raw = texts(set, tag)[index];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new DicomError(`${tagName(tag)} is not a number: '${raw}'`);
  return value;
}

/** A US (or, with `signed`, SS) value; undefined when absent or too short. */
export function binary16(set: DataSet, tag: number, index = 0, signed = false): number | undefined {
  const value = set.elements.get(tag)?.value;
  if (!value || value.length < 2 * (index + 1)) return undefined;
  const view = new DataView(value.buffer, value.byteOffset + 2 * index, 2);
  return signed ? view.getInt16(0, set.littleEndian) : view.getUint16(0, set.littleEndian);
}
