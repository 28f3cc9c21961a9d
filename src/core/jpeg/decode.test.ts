// The JPEG decoder's refusals, on the stream of a libjpeg-encoded 12-bit fixture (restart interval 2)
// damaged on purpose: each fault is named. Its decoded values are checked against pydicom in
// src/core/dicom/jpeg-extended.test.ts.
import { describe, expect, it } from 'vitest';
import { loadDicomReferences, readDicomFixture } from '../../../test/helpers/dicom-fixtures';
import { decodeJpeg } from './decode';
import { JpegError } from './jpeg-error';

const references = loadDicomReferences();

/** The JPEG stream inside a one-frame DICOM file: from its start-of-image to its end-of-image. */
function streamOf(name: string): Uint8Array {
  const bytes = readDicomFixture(name);
  const start = bytes.findIndex(
    (b, i) => b === 0xff && bytes[i + 1] === 0xd8 && bytes[i + 2] === 0xff,
  );
  let end = bytes.length - 2;
  while (!(bytes[end] === 0xff && bytes[end + 1] === 0xd9)) end--;
  return bytes.slice(start, end + 2);
}

/** Where marker `code` starts (the first one: table and frame markers precede the scan data). */
function markerAt(stream: Uint8Array, code: number): number {
  const at = stream.findIndex((b, i) => b === 0xff && stream[i + 1] === code);
  if (at < 0) throw new Error(`no marker ${code.toString(16)}`);
  return at;
}

function changed(stream: Uint8Array, at: number, bytes: number[]): Uint8Array {
  const copy = stream.slice();
  copy.set(bytes, at);
  return copy;
}

const sum = (values: Uint8Array) => values.reduce((total, n) => total + n, 0);

const SOF1 = 0xc1;
const SOS = 0xda;
const RST0 = 0xd0;

describe.skipIf(!references)('decodeJpeg refuses damaged streams', () => {
  const stream = streamOf('jpeg_extended_12bit_restart.dcm');
  const scanData = markerAt(stream, SOS) + 2 + 10; // SOS segment: length 8 + 2, one component

  it('decodes the intact stream', () => {
    const image = decodeJpeg(stream);
    expect([image.width, image.height, image.precision, image.components]).toEqual([37, 29, 12, 1]);
  });

  it('every cut inside the scan data says the data ends inside the scan', () => {
    for (let length = scanData + 1; length < stream.length - 2; length += 3) {
      expect(() => decodeJpeg(stream.subarray(0, length)), `cut at ${length}`).toThrow(
        'JPEG data ends inside scan',
      );
    }
  });

  it('a stream without its end-of-image marker is refused', () => {
    expect(() => decodeJpeg(stream.subarray(0, stream.length - 2))).toThrow(
      'JPEG data ends before the end-of-image marker',
    );
  });

  it('a cut inside a header segment is refused', () => {
    for (let length = 2; length < scanData; length += 5) {
      expect(() => decodeJpeg(stream.subarray(0, length)), `cut at ${length}`).toThrow(JpegError);
    }
  });

  it('a run of one bits is a Huffman code not in the table', () => {
    const ones = [0xff, 0, 0xff, 0, 0xff, 0, 0xff, 0];
    expect(() => decodeJpeg(changed(stream, scanData + 4, ones))).toThrow(
      'Huffman code not in table',
    );
  });

  it('a restart marker out of sequence is named', () => {
    const first = stream.findIndex((b, i) => i > scanData && b === 0xff && stream[i + 1] === RST0);
    expect(() => decodeJpeg(changed(stream, first, [0xff, RST0 + 3]))).toThrow(
      `JPEG restart marker RST0 expected at byte ${first}`,
    );
  });

  it('a DC table whose symbols are out of range is refused', () => {
    const dht = markerAt(stream, 0xc4) + 4; // the first DHT's first table: libjpeg writes DC first
    expect(stream[dht]).toBe(0x00); // class 0 (DC), table 0
    const symbols = stream.subarray(dht + 17, dht + 17 + sum(stream.subarray(dht + 1, dht + 17)));
    expect(() => decodeJpeg(changed(stream, dht + 17, Array(symbols.length).fill(20)))).toThrow(
      'JPEG DC difference category 20 is out of range',
    );
  });

  it('a scan naming an undefined Huffman table is refused', () => {
    const selectors = markerAt(stream, SOS) + 6;
    expect(() => decodeJpeg(changed(stream, selectors, [0x33]))).toThrow(
      'JPEG scan uses DC Huffman table 3, which is not defined',
    );
  });

  it('names the processes it does not decode, and other precisions', () => {
    const frame = markerAt(stream, SOF1);
    expect(() => decodeJpeg(changed(stream, frame, [0xff, 0xc2]))).toThrow(
      'JPEG progressive DCT process (SOF2) is not supported',
    );
    expect(() => decodeJpeg(changed(stream, frame, [0xff, 0xc9]))).toThrow(/arithmetic-coded/);
    expect(() => decodeJpeg(changed(stream, frame + 4, [16]))).toThrow(
      'JPEG sample precision 16 is not supported (8 or 12 bits)',
    );
  });

  it('refuses bytes that are not a JPEG stream', () => {
    expect(() => decodeJpeg(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toThrow(
      'not a JPEG stream: no start-of-image marker',
    );
  });
});
