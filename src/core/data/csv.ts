// RFC 4180 CSV reader for dataset label files. Pure string code: it runs in the worker and in Node.
// Built for CheXpert's 223,414 rows: one pass over char codes, fields are slices, no regexes.

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const BOM = 0xfeff;

/** Receives each record's fields and the 1-based line on which the record starts. */
export type CsvRecordHandler = (cells: string[], line: number) => void;

export interface CsvRecord {
  cells: string[];
  line: number;
}

interface Cursor {
  text: string;
  pos: number;
  line: number;
}

/**
 * Calls `onRecord` for every record, streaming, so a caller can turn rows into items without ever
 * holding all fields at once. Handles quoted fields with commas, line breaks and doubled quotes,
 * CRLF/LF/CR line ends, a leading BOM, and skips blank lines (including the trailing one).
 */
export function forEachCsvRecord(text: string, onRecord: CsvRecordHandler): void {
  const cursor: Cursor = { text, pos: text.charCodeAt(0) === BOM ? 1 : 0, line: 1 };
  while (cursor.pos < text.length) {
    const line = cursor.line;
    const cells = readRecord(cursor);
    if (cells.length > 1 || cells[0] !== '') onRecord(cells, line);
  }
}

/** All records at once, for files small enough to hold (split lists, generic label CSVs). */
export function readCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  forEachCsvRecord(text, (cells, line) => records.push({ cells, line }));
  return records;
}

/** Reads fields up to and including the line end. */
function readRecord(cursor: Cursor): string[] {
  const cells: string[] = [];
  for (;;) {
    cells.push(
      cursor.text.charCodeAt(cursor.pos) === QUOTE ? readQuoted(cursor) : readBare(cursor),
    );
    if (cursor.text.charCodeAt(cursor.pos) !== COMMA) break;
    cursor.pos++;
  }
  skipLineEnd(cursor);
  return cells;
}

function readBare(cursor: Cursor): string {
  const { text } = cursor;
  const start = cursor.pos;
  let pos = start;
  for (; pos < text.length; pos++) {
    const code = text.charCodeAt(pos);
    if (code === COMMA || code === LF || code === CR) break;
  }
  cursor.pos = pos;
  return text.slice(start, pos);
}

/** A quoted field; text after the closing quote (`"a"b`, not RFC) is kept rather than lost. */
function readQuoted(cursor: Cursor): string {
  const { text } = cursor;
  const startLine = cursor.line;
  let value = '';
  let pos = cursor.pos + 1;
  for (;;) {
    const quote = text.indexOf('"', pos);
    if (quote < 0) throw new Error(`CSV: quoted field opened on line ${startLine} never closes`);
    value += text.slice(pos, quote);
    cursor.line += countLineFeeds(text, pos, quote);
    if (text.charCodeAt(quote + 1) !== QUOTE) {
      cursor.pos = quote + 1;
      break;
    }
    value += '"';
    pos = quote + 2;
  }
  const trailing = text.charCodeAt(cursor.pos);
  return trailing === COMMA || trailing === LF || trailing === CR || cursor.pos >= text.length
    ? value
    : value + readBare(cursor);
}

function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0;
  for (
    let pos = text.indexOf('\n', from);
    pos >= 0 && pos < to;
    pos = text.indexOf('\n', pos + 1)
  ) {
    count++;
  }
  return count;
}

function skipLineEnd(cursor: Cursor): void {
  const { text } = cursor;
  if (text.charCodeAt(cursor.pos) === CR) cursor.pos++;
  if (text.charCodeAt(cursor.pos) === LF) cursor.pos++;
  cursor.line++;
}

/** Column lookup by header name: trimmed and case-insensitive, since exports vary in both. */
export function findColumn(header: readonly string[], name: string): number {
  const wanted = name.trim().toLowerCase();
  return header.findIndex((cell) => cell.trim().toLowerCase() === wanted);
}

/** Like `findColumn`, but a missing column is an error naming it (and the file, when known). */
export function requireColumn(header: readonly string[], name: string, fileName?: string): number {
  const index = findColumn(header, name);
  if (index < 0) {
    const where = fileName ? ` in ${fileName}` : '';
    throw new Error(`Missing column "${name}"${where}; the header has: ${header.join(', ')}`);
  }
  return index;
}

/** A header naming one column twice (case and spaces aside) is ambiguous: which one holds the
 *  labels? Refused with both positions, rather than read as two labels of one name. Empty header
 *  cells (trailing commas) are not names. */
export function refuseDuplicateColumns(header: readonly string[], fileName?: string): void {
  const seen = new Map<string, number>();
  header.forEach((cell, column) => {
    const name = cell.trim().toLowerCase();
    if (name === '') return;
    const first = seen.get(name);
    if (first !== undefined) {
      const where = fileName ? `${fileName}: ` : '';
      throw new Error(
        `${where}the column "${cell.trim()}" appears twice (columns ${first + 1} and ${column + 1}); keep one`,
      );
    }
    seen.set(name, column);
  });
}
