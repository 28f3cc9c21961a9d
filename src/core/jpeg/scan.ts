// Decodes one sequential Huffman scan (ITU T.81 F.2.2, A.2) into the components' sample planes:
// MCU by MCU, with the DC predictions reset at each restart marker (F.2.1.3.1, B.2.5).
import { BitReader } from './bit-reader';
import { decodeSymbol, type HuffmanTable, receiveExtend } from './huffman';
import { inverseDct } from './idct';
import { JpegError } from './jpeg-error';
import type { Frame, ScanComponent, Tables } from './segments';

/** One component's samples, padded to whole MCUs: `blocksPerLine` · 8 samples a row. */
export interface Plane {
  blocksPerLine: number;
  blocksPerColumn: number;
  samples: Uint16Array;
}

/** The zigzag sequence of A.3.6: the natural index [v · 8 + u] of each coefficient k. */
const ZIGZAG = (() => {
  const order: number[] = [];
  for (let diagonal = 0; diagonal < 15; diagonal++) {
    const cells = [];
    for (let v = Math.max(0, diagonal - 7); v <= Math.min(7, diagonal); v++)
      cells.push(v * 8 + diagonal - v);
    // Even diagonals run bottom-left to top-right (v falling), odd ones the other way.
    order.push(...(diagonal % 2 === 0 ? cells.reverse() : cells));
  }
  return Int32Array.from(order);
})();

interface ScanState {
  reader: BitReader;
  frame: Frame;
  planes: Plane[];
  components: ScanComponent[];
  dc: HuffmanTable[];
  ac: HuffmanTable[];
  quant: Uint16Array[];
  predictions: Int32Array;
  coefficients: Int32Array;
}

function tableOf<T>(list: (T | undefined)[], id: number, what: string): T {
  const table = list[id];
  if (!table) throw new JpegError(`JPEG scan uses ${what} table ${id}, which is not defined`);
  return table;
}

/** Decodes the block of scan component `s` at (row, column) in blocks. */
function decodeBlock(state: ScanState, s: number, row: number, column: number): void {
  const { reader, coefficients } = state;
  const quant = state.quant[s] as Uint16Array;
  const ac = state.ac[s] as HuffmanTable;
  const category = decodeSymbol(state.dc[s] as HuffmanTable, reader);
  // 12-bit samples make DC differences of up to 15 bits (F.1.5.1); a larger one is a corrupt table.
  if (category > 15) throw new JpegError(`JPEG DC difference category ${category} is out of range`);
  const prediction = (state.predictions[s] as number) + receiveExtend(reader, category);
  state.predictions[s] = prediction;
  coefficients.fill(0);
  coefficients[0] = prediction * (quant[0] as number);
  let acZero = true;
  for (let k = 1; k < 64; k++) {
    const rs = decodeSymbol(ac, reader);
    const run = rs >> 4;
    const size = rs & 15;
    if (size === 0) {
      if (run !== 15) break; // end of block
      k += 15;
      continue;
    }
    k += run;
    if (k > 63) throw new JpegError('JPEG block has more than 64 coefficients');
    coefficients[ZIGZAG[k] as number] = receiveExtend(reader, size) * (quant[k] as number);
    acZero = false;
  }
  const plane = state.planes[state.components[s]?.index as number] as Plane;
  const stride = plane.blocksPerLine * 8;
  const target = { samples: plane.samples, offset: row * 8 * stride + column * 8, stride };
  const shift = 1 << (state.frame.precision - 1);
  inverseDct(coefficients, acZero, target, shift, 2 * shift - 1);
}

/** Blocks of a component that a non-interleaved scan codes: its own size, not padded to MCUs
 *  (A.2.2). */
function ownBlocks(frame: Frame, index: number) {
  const c = frame.components[index] as Frame['components'][number];
  const hMax = Math.max(...frame.components.map((k) => k.h));
  const vMax = Math.max(...frame.components.map((k) => k.v));
  return {
    across: Math.ceil(Math.ceil((frame.width * c.h) / hMax) / 8),
    down: Math.ceil(Math.ceil((frame.height * c.v) / vMax) / 8),
  };
}

/** Calls `decode(m)` for each MCU m, handling the restart marker before each interval. */
function eachMcu(state: ScanState, count: number, interval: number, decode: (m: number) => void) {
  const { reader } = state;
  for (let m = 0; m < count; m++) {
    if (interval > 0 && m > 0 && m % interval === 0) {
      readRestart(reader, ((m / interval - 1) & 7) + 0xd0);
      state.predictions.fill(0);
    }
    decode(m);
  }
}

function readRestart(reader: BitReader, expected: number): void {
  reader.reset();
  const { data } = reader;
  let at = reader.position;
  while (data[at] === 0xff && data[at + 1] === 0xff) at++;
  if (at + 1 >= data.length) throw new JpegError('JPEG data ends inside scan');
  if (data[at] !== 0xff || data[at + 1] !== expected) {
    throw new JpegError(`JPEG restart marker RST${expected - 0xd0} expected at byte ${at}`);
  }
  reader.position = at + 2;
}

/**
 * Decodes the scan whose entropy-coded data starts at `position`; returns where it ended (the
 * next marker, unless the data holds junk after the scan). Fills the planes of its components.
 */
export function decodeScan(
  data: Uint8Array,
  position: number,
  frame: Frame,
  planes: Plane[],
  components: ScanComponent[],
  tables: Tables,
  restartInterval: number,
): number {
  const state: ScanState = {
    reader: new BitReader(data, position),
    frame,
    planes,
    components,
    dc: components.map((c) => tableOf(tables.dc, c.dcTable, 'DC Huffman')),
    ac: components.map((c) => tableOf(tables.ac, c.acTable, 'AC Huffman')),
    quant: components.map((c) =>
      tableOf(tables.quant, frame.components[c.index]?.quantTable as number, 'quantization'),
    ),
    predictions: new Int32Array(components.length),
    coefficients: new Int32Array(64),
  };
  if (components.length === 1) {
    const { across, down } = ownBlocks(frame, components[0]?.index as number);
    eachMcu(state, across * down, restartInterval, (m) =>
      decodeBlock(state, 0, Math.floor(m / across), m % across),
    );
  } else {
    const first = planes[components[0]?.index as number] as Plane;
    const sampling = components.map(
      (c) => frame.components[c.index] as Frame['components'][number],
    );
    const across = first.blocksPerLine / (sampling[0]?.h as number);
    const down = first.blocksPerColumn / (sampling[0]?.v as number);
    eachMcu(state, across * down, restartInterval, (m) => {
      const mcuRow = Math.floor(m / across);
      const mcuColumn = m % across;
      sampling.forEach(({ h, v }, s) => {
        for (let y = 0; y < v; y++) {
          for (let x = 0; x < h; x++) decodeBlock(state, s, mcuRow * v + y, mcuColumn * h + x);
        }
      });
    });
  }
  state.reader.reset();
  return state.reader.position;
}
