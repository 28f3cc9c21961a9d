import { describe, expect, it } from 'vitest';
import { forEachCsvRecord, readCsvRecords, requireColumn } from './csv';

const cellsOf = (text: string) => readCsvRecords(text).map((record) => record.cells);

describe('readCsvRecords (RFC 4180)', () => {
  it('splits plain fields and keeps empty ones, including a trailing comma', () => {
    expect(cellsOf('a,b,c\n1,,3\n4,5,\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
      ['4', '5', ''],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'name,note\n"Smith, J","said ""hi"""\n"two\nlines",x\n';
    expect(cellsOf(text)).toEqual([
      ['name', 'note'],
      ['Smith, J', 'said "hi"'],
      ['two\nlines', 'x'],
    ]);
  });

  it('accepts CRLF, LF and CR line ends, a BOM, and no final line end', () => {
    expect(cellsOf('\uFEFFa,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(cellsOf('a,b\r1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(cellsOf('"q"\r\n"x,y"')).toEqual([['q'], ['x,y']]);
  });

  it('skips blank lines and reports the line each record starts on', () => {
    const records = readCsvRecords('h\n\n"a\nb"\nc\n\n');
    expect(records).toEqual([
      { cells: ['h'], line: 1 },
      { cells: ['a\nb'], line: 3 },
      { cells: ['c'], line: 5 },
    ]);
  });

  it('keeps text after a closing quote instead of dropping it', () => {
    expect(cellsOf('"a"b,c\n')).toEqual([['ab', 'c']]);
  });

  it('throws on a quote that never closes, naming its line', () => {
    expect(() => cellsOf('a\n"open,\nmore')).toThrow(/line 2 never closes/);
  });

  it('streams records without collecting them', () => {
    let count = 0;
    forEachCsvRecord('a\nb\nc', () => count++);
    expect(count).toBe(3);
  });
});

describe('requireColumn', () => {
  it('finds a column ignoring case and surrounding spaces', () => {
    expect(requireColumn(['Path', ' Sex '], 'sex')).toBe(1);
  });

  it('names the column and the file when one is missing', () => {
    expect(() => requireColumn(['Path'], 'Edema', 'train.csv')).toThrow(
      'Missing column "Edema" in train.csv',
    );
  });
});
