// A decoder for sequential Huffman-coded DCT JPEG (ITU T.81 processes 1, 2 and 4: baseline and
// extended, 8- and 12-bit samples), written from the standard for DICOM's JPEG Extended syntax,
// which no maintained JavaScript or WebAssembly decoder reads at 12 bits. Pure TypeScript.
import { JpegError } from './jpeg-error';
import { decodeScan, type Plane } from './scan';
import {
  type Frame,
  parseFrame,
  parseHuffmanTables,
  parseQuantTables,
  parseRestartInterval,
  parseScan,
  type Tables,
} from './segments';

export interface JpegImage {
  width: number;
  height: number;
  components: number;
  /** Bits per sample: 8 or 12. */
  precision: number;
  /** Pixel-interleaved samples, [height, width, components], in 0 … 2^precision − 1. */
  samples: Uint8Array | Uint16Array;
}

const MARKER = {
  SOF0: 0xc0,
  SOF1: 0xc1,
  DHT: 0xc4,
  RST0: 0xd0,
  RST7: 0xd7,
  SOI: 0xd8,
  EOI: 0xd9,
  SOS: 0xda,
  DQT: 0xdb,
  DRI: 0xdd,
} as const;

/** What the other frame markers (SOF2 … SOF15, without DHT's 0xC4 and 0xC8, 0xCC) start. */
function unsupportedProcess(code: number): string {
  const kind =
    code === 0xc2
      ? 'progressive DCT'
      : code === 0xc3
        ? 'lossless'
        : code >= 0xc9
          ? 'arithmetic-coded'
          : 'hierarchical';
  return `JPEG ${kind} process (SOF${code - 0xc0}) is not supported: sequential Huffman DCT only`;
}

const isFrameMarker = (code: number) =>
  code >= 0xc0 && code <= 0xcf && code !== 0xc4 && code !== 0xc8 && code !== 0xcc;

/** The next marker at or after `at` (fill bytes and junk skipped): its code and where it ends. */
function nextMarker(data: Uint8Array, from: number): { code: number; at: number } {
  for (let at = from; at + 1 < data.length; at++) {
    const code = data[at + 1] as number;
    if (data[at] === 0xff && code !== 0 && code !== 0xff) return { code, at: at + 2 };
  }
  throw new JpegError('JPEG data ends before the end-of-image marker');
}

/** A marker segment's body (its length field counts itself, B.1.1.4). */
function segmentBody(data: Uint8Array, at: number): Uint8Array {
  const length = ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);
  if (length < 2 || at + length > data.length) {
    throw new JpegError('JPEG data ends inside a marker segment');
  }
  return data.subarray(at + 2, at + length);
}

/** A zero plane per component, padded to whole MCUs (A.2.4). */
function createPlanes(frame: Frame): Plane[] {
  const hMax = Math.max(...frame.components.map((c) => c.h));
  const vMax = Math.max(...frame.components.map((c) => c.v));
  const mcusAcross = Math.ceil(frame.width / (8 * hMax));
  const mcusDown = Math.ceil(frame.height / (8 * vMax));
  return frame.components.map(({ h, v }) => {
    const blocksPerLine = mcusAcross * h;
    const blocksPerColumn = mcusDown * v;
    return {
      blocksPerLine,
      blocksPerColumn,
      samples: new Uint16Array(blocksPerLine * blocksPerColumn * 64),
    };
  });
}

/** A frame header's size, for a caller to refuse before the planes are allocated. */
export type FrameCheck = (size: { width: number; height: number; components: number }) => void;

interface DecoderState {
  frame?: Frame;
  onFrame: FrameCheck;
  planes: Plane[];
  /** Per frame component: whether a scan has coded it. */
  scanned: boolean[];
  tables: Tables;
  restartInterval: number;
}

/** Handles the segment of marker `code` whose body starts at `at`; returns where to look next. */
function handleSegment(data: Uint8Array, code: number, at: number, state: DecoderState): number {
  const body = segmentBody(data, at);
  const next = at + 2 + body.length;
  if (code === MARKER.SOF0 || code === MARKER.SOF1) {
    if (state.frame) throw new JpegError('JPEG stream has a second frame header');
    state.frame = parseFrame(body);
    const { width, height, components } = state.frame;
    state.onFrame({ width, height, components: components.length });
    state.planes = createPlanes(state.frame);
    state.scanned = state.frame.components.map(() => false);
  } else if (isFrameMarker(code)) {
    throw new JpegError(unsupportedProcess(code));
  } else if (code === MARKER.DHT) {
    parseHuffmanTables(body, state.tables);
  } else if (code === MARKER.DQT) {
    parseQuantTables(body, state.tables);
  } else if (code === MARKER.DRI) {
    state.restartInterval = parseRestartInterval(body);
  } else if (code === MARKER.SOS) {
    return scan(data, body, next, state);
  }
  return next; // APPn, COM and the like carry nothing the samples need
}

function scan(data: Uint8Array, body: Uint8Array, next: number, state: DecoderState): number {
  const { frame } = state;
  if (!frame) throw new JpegError('JPEG scan before the frame header');
  const components = parseScan(body, frame);
  for (const { index } of components) state.scanned[index] = true;
  return decodeScan(
    data,
    next,
    frame,
    state.planes,
    components,
    state.tables,
    state.restartInterval,
  );
}

/** The planes cropped to the frame's size, each component upsampled (by repetition) to the
 *  largest sampling factors, pixel-interleaved. */
function interleave(frame: Frame, planes: Plane[]): Uint8Array | Uint16Array {
  const { width, height, components } = frame;
  const out =
    frame.precision === 8
      ? new Uint8Array(width * height * components.length)
      : new Uint16Array(width * height * components.length);
  const hMax = Math.max(...components.map((c) => c.h));
  const vMax = Math.max(...components.map((c) => c.v));
  components.forEach(({ h, v }, c) => {
    const plane = planes[c] as Plane;
    const stride = plane.blocksPerLine * 8;
    const columns = Int32Array.from({ length: width }, (_, x) => Math.floor((x * h) / hMax));
    for (let y = 0; y < height; y++) {
      const row = Math.floor((y * v) / vMax) * stride;
      for (let x = 0; x < width; x++) {
        out[(y * width + x) * components.length + c] = plane.samples[
          row + (columns[x] as number)
        ] as number;
      }
    }
  });
  return out;
}

/**
 * Decodes a JPEG stream of processes 1, 2 or 4 (SOF0/SOF1, Huffman, 8- or 12-bit, 1 or 3
 * components). Throws a JpegError naming the fault: a truncated scan, a code missing from its
 * Huffman table, an undefined table, an unsupported process, a missing end-of-image marker.
 * `onFrame` sees the frame's size first and may throw (a size the container contradicts), before
 * the sample planes are allocated.
 */
export function decodeJpeg(data: Uint8Array, onFrame: FrameCheck = () => {}): JpegImage {
  if (data[0] !== 0xff || data[1] !== MARKER.SOI) {
    throw new JpegError('not a JPEG stream: no start-of-image marker');
  }
  const state: DecoderState = {
    onFrame,
    planes: [],
    scanned: [],
    tables: { dc: [], ac: [], quant: [] },
    restartInterval: 0,
  };
  let at = 2;
  for (;;) {
    const marker = nextMarker(data, at);
    if (marker.code === MARKER.EOI) break;
    at =
      marker.code >= MARKER.RST0 && marker.code <= MARKER.RST7
        ? marker.at // a restart marker outside a scan carries nothing
        : handleSegment(data, marker.code, marker.at, state);
  }
  const { frame } = state;
  if (!frame) throw new JpegError('JPEG stream has no frame header');
  const missing = state.scanned.indexOf(false);
  if (missing >= 0)
    throw new JpegError(`JPEG component ${frame.components[missing]?.id} has no scan`);
  const { width, height, precision } = frame;
  return {
    width,
    height,
    precision,
    components: frame.components.length,
    samples: interleave(frame, state.planes),
  };
}
