// The first frame's samples, from native or encapsulated pixel data (PS3.5 8.2, A.4). The reader
// decodes only the first frame of a multi-frame file (DicomImage.frames says how many there are).

import { decodeJpeg } from '../jpeg/decode';
import { JpegError } from '../jpeg/jpeg-error';
import { concatBytes } from '../util/bytes';
import type { Codecs, DecodedFrame } from './codecs';
import { DicomError, type Element } from './data-set';
import { describeLayout, frameBytes, type PixelLayout } from './image-pixel';
import { decodeRle } from './rle';
import { type CodecName, type TransferSyntax, unsupportedSyntaxMessage } from './transfer-syntax';

/** Words of the allocated width, one per sample; `planar` when stored colour-by-plane. */
export interface RawSamples {
  samples: ArrayLike<number>;
  planar: boolean;
}

function nativeSamples(
  value: Uint8Array,
  layout: PixelLayout,
  littleEndian: boolean,
): ArrayLike<number> {
  const size = frameBytes(layout);
  if (value.length < size * layout.frames) {
    throw new DicomError(
      `${describeLayout(layout)} needs ${size * layout.frames} bytes, the pixel data holds ${value.length}`,
    );
  }
  if (layout.bitsAllocated === 8) return value.subarray(0, size);
  const view = new DataView(value.buffer, value.byteOffset, size);
  const words = new Uint16Array(size / 2);
  for (let i = 0; i < words.length; i++) words[i] = view.getUint16(2 * i, littleEndian);
  return words;
}

/** Ends with a JPEG end-of-image marker (JPEG, JPEG-LS), allowing one byte of even padding. */
function endsImage(fragment: Uint8Array): boolean {
  const n = fragment.length;
  const at = (i: number) => fragment[i] === 0xff && fragment[i + 1] === 0xd9;
  return at(n - 2) || (fragment[n - 1] === 0 && at(n - 3));
}

/** The first frame's fragments: all of them for one frame, else by offset table or end marker. */
function firstFrameFragments(fragments: Uint8Array[], frames: number): Uint8Array {
  const [offsetTable, ...data] = fragments;
  if (data.length === 0) throw new DicomError('the encapsulated pixel data has no fragments');
  if (frames === 1) return concatBytes(data);
  if (data.length === frames) return data[0] as Uint8Array;
  const table = offsetTable && offsetTable.length >= 8 ? offsetTable : undefined;
  // With a table: the fragments before the second frame's offset (each item adds an 8-byte header).
  const secondFrame = table ? new DataView(table.buffer, table.byteOffset).getUint32(4, true) : -1;
  const first: Uint8Array[] = [];
  let position = 0;
  for (const fragment of data) {
    if (table ? position >= secondFrame : first.length > 0 && endsImage(first.at(-1) as Uint8Array))
      break;
    first.push(fragment);
    position += fragment.length + 8;
  }
  return concatBytes(first);
}

type FrameSize = Pick<DecodedFrame, 'rows' | 'columns' | 'samplesPerPixel'>;

/** Refuses a frame whose size or sample count the header contradicts. */
function checkFrameSize(frame: FrameSize, layout: PixelLayout, syntax: TransferSyntax): void {
  if (
    frame.rows !== layout.rows ||
    frame.columns !== layout.columns ||
    frame.samplesPerPixel !== layout.samplesPerPixel
  ) {
    throw new DicomError(
      `${describeLayout(layout)} in the header, but the ${syntax.pixels} frame is ${frame.rows} × ${frame.columns} with ${frame.samplesPerPixel} sample(s)`,
    );
  }
}

/** A frame of JPEG Extended, decoded in the core (8- or 12-bit samples); its size is checked
 *  from the frame header, before any sample memory is allocated. */
function decodeJpegExtended(
  encoded: Uint8Array,
  layout: PixelLayout,
  syntax: TransferSyntax,
): DecodedFrame {
  try {
    const image = decodeJpeg(encoded, ({ width, height, components }) =>
      checkFrameSize({ rows: height, columns: width, samplesPerPixel: components }, layout, syntax),
    );
    const { height: rows, width: columns, components: samplesPerPixel, samples } = image;
    return { rows, columns, samplesPerPixel, samples };
  } catch (error) {
    if (!(error instanceof JpegError)) throw error;
    throw new DicomError(`the JPEG Extended frame could not be decoded: ${error.message}`);
  }
}

/** A frame through the host's codec for the syntax; refused as unsupported when none is loaded. */
async function decodeWithCodec(
  encoded: Uint8Array,
  layout: PixelLayout,
  syntax: TransferSyntax,
  codec: CodecName,
  codecs: Codecs,
): Promise<DecodedFrame> {
  const decode = codecs[codec];
  if (!decode) {
    throw new DicomError(`${unsupportedSyntaxMessage(syntax.uid)}: no ${codec} decoder loaded`);
  }
  return decode(encoded, { ...layout }).catch((error: unknown) => {
    // Emscripten codecs throw bare numbers (a C++ exception's address): say which codec failed.
    const reason = error instanceof Error ? `: ${error.message}` : '';
    throw new DicomError(`the ${codec} decoder could not decode the frame${reason}`);
  });
}

/** The first frame's samples; codecs, JPEG Extended and RLE give them pixel-interleaved. */
export async function firstFrame(
  pixelData: Element,
  layout: PixelLayout,
  syntax: TransferSyntax,
  codecs: Codecs,
): Promise<RawSamples> {
  if (syntax.pixels === 'native') {
    if (pixelData.fragments)
      throw new DicomError('encapsulated pixel data in a native transfer syntax');
    return {
      samples: nativeSamples(pixelData.value, layout, syntax.littleEndian),
      planar: layout.planar,
    };
  }
  if (!pixelData.fragments) throw new DicomError(`native pixel data in ${syntax.name}`);
  const encoded = firstFrameFragments(pixelData.fragments, layout.frames);
  if (syntax.pixels === 'rle') return { samples: decodeRle(encoded, layout), planar: false };
  if (syntax.pixels === 'jpeg-extended') {
    return { samples: decodeJpegExtended(encoded, layout, syntax).samples, planar: false };
  }
  const frame = await decodeWithCodec(encoded, layout, syntax, syntax.pixels, codecs);
  checkFrameSize(frame, layout, syntax);
  return { samples: frame.samples, planar: false };
}
