// RLE Lossless (PS3.5 Annex G): a 64-byte header with up to 15 segment offsets, then one PackBits
// segment per byte plane — for each sample, its most significant byte first. Small enough to
// write here rather than load a codec.
import { DicomError } from './data-set';
import type { PixelLayout } from './image-pixel';

function segmentOffsets(frame: Uint8Array): number[] {
  if (frame.length < 64) throw new DicomError('the RLE frame is shorter than its 64-byte header');
  const view = new DataView(frame.buffer, frame.byteOffset, 64);
  const count = view.getUint32(0, true);
  if (count < 1 || count > 15) throw new DicomError(`the RLE header names ${count} segments`);
  const offsets = Array.from({ length: count }, (_, i) => view.getUint32(4 + 4 * i, true));
  if (offsets.some((offset) => offset < 64 || offset > frame.length)) {
    throw new DicomError('an RLE segment offset points outside the frame');
  }
  return offsets;
}

/** PackBits into `out[start + k·stride]` for k < count; returns how many bytes it produced. */
function unpackSegment(
  segment: Uint8Array,
  out: Uint8Array,
  start: number,
  stride: number,
  count: number,
): number {
  let produced = 0;
  let pos = 0;
  while (produced < count && pos < segment.length) {
    const header = ((segment[pos++] ?? 0) << 24) >> 24; // as int8
    if (header >= 0) {
      for (let i = 0; i <= header && produced < count; i++) {
        out[start + stride * produced++] = segment[pos++] ?? 0;
      }
    } else if (header !== -128) {
      const byte = segment[pos++] ?? 0;
      for (let i = 0; i < 1 - header && produced < count; i++)
        out[start + stride * produced++] = byte;
    }
  }
  return produced;
}

/** The frame's samples, pixel-interleaved, as unsigned words of the allocated width. */
export function decodeRle(frame: Uint8Array, layout: PixelLayout): Uint8Array | Uint16Array {
  const bytesPerSample = layout.bitsAllocated / 8;
  const planes = layout.samplesPerPixel * bytesPerSample;
  const offsets = segmentOffsets(frame);
  if (offsets.length !== planes) {
    throw new DicomError(
      `the RLE frame has ${offsets.length} segments, the header implies ${planes}`,
    );
  }
  const pixels = layout.rows * layout.columns;
  // Little-endian bytes of each sample, interleaved: plane p is byte (bytesPerSample − 1 − p % b).
  const bytes = new Uint8Array(pixels * planes);
  offsets.forEach((offset, plane) => {
    const sample = Math.floor(plane / bytesPerSample);
    const byte = bytesPerSample - 1 - (plane % bytesPerSample);
    const segment = frame.subarray(offset, offsets[plane + 1] ?? frame.length);
    if (unpackSegment(segment, bytes, sample * bytesPerSample + byte, planes, pixels) < pixels) {
      throw new DicomError(`RLE segment ${plane} ends before the frame's ${pixels} pixels`);
    }
  });
  // Read as host words: every platform the studio runs on is little-endian.
  return bytesPerSample === 1 ? bytes : new Uint16Array(bytes.buffer);
}
