// The compact binary hand-over of an experiment's data from Node to the Chromium page: a JSON
// header (index, image table) then raw pixels and the ImageNet file. Runs on both sides, so it
// imports types only and uses nothing but TextEncoder/TextDecoder and typed arrays.
import type { GrayPixels } from '../../src/core/data/memory-feed';
import type { DatasetIndex } from '../../src/core/data/types';

export interface BlobContents {
  name: string;
  index: DatasetIndex;
  images: Map<string, GrayPixels>;
  pretrained?: { bytes: Uint8Array; fileName: string };
}

interface ImageEntry {
  path: string;
  width: number;
  height: number;
  bits: 8 | 16;
  /** Byte offset in the body (after the header), even so that 16-bit views stay aligned. */
  offset: number;
}

interface Header {
  name: string;
  index: DatasetIndex;
  images: ImageEntry[];
  pretrained?: { fileName: string; offset: number; length: number };
}

/** The body starts at a multiple of 8 after [u32 header length][header]; the weights file too. */
const ALIGN = 8;
const align = (n: number, to: number) => Math.ceil(n / to) * to;

/** JSON has no NaN (CheXpert's raw "not mentioned" labels are NaN): carry non-finite numbers as tagged strings. */
const NON_FINITE = '\u0000num:';
const replacer = (_: string, v: unknown) =>
  typeof v === 'number' && !Number.isFinite(v) ? `${NON_FINITE}${v}` : v;
const reviver = (_: string, v: unknown) =>
  typeof v === 'string' && v.startsWith(NON_FINITE) ? Number(v.slice(NON_FINITE.length)) : v;

/** The blob as a list of byte chunks (no giant copy: the server writes them in turn) and its length. */
export function encodeExperimentBlob(contents: BlobContents): {
  chunks: Uint8Array[];
  length: number;
} {
  const body: Uint8Array[] = [];
  let offset = 0;
  const put = (bytes: Uint8Array, to: number) => {
    const padded = align(offset, to);
    if (padded > offset) body.push(new Uint8Array(padded - offset));
    body.push(bytes);
    offset = padded + bytes.byteLength;
    return padded;
  };
  const images: ImageEntry[] = [...contents.images].map(([path, image]) => {
    const { width, height, pixels } = image;
    const bytes = new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength);
    const bits = pixels instanceof Uint16Array ? 16 : 8;
    return { path, width, height, bits, offset: put(bytes, 2) };
  });
  const file = contents.pretrained;
  const header: Header = {
    name: contents.name,
    index: contents.index,
    images,
    ...(file
      ? {
          pretrained: {
            fileName: file.fileName,
            offset: put(file.bytes, ALIGN),
            length: file.bytes.length,
          },
        }
      : {}),
  };
  const json = new TextEncoder().encode(JSON.stringify(header, replacer));
  const start = align(4 + json.byteLength, ALIGN);
  const head = new Uint8Array(start);
  new DataView(head.buffer).setUint32(0, json.byteLength, true);
  head.set(json, 4);
  return { chunks: [head, ...body], length: start + offset };
}

/** Views into `buffer` (no copies): the page keeps the buffer alive while it trains. */
export function decodeExperimentBlob(buffer: ArrayBuffer): BlobContents {
  const size = new DataView(buffer).getUint32(0, true);
  const header = JSON.parse(
    new TextDecoder().decode(new Uint8Array(buffer, 4, size)),
    reviver,
  ) as Header;
  const body = align(4 + size, ALIGN);
  const images = new Map<string, GrayPixels>();
  for (const { path, width, height, bits, offset } of header.images) {
    const pixels =
      bits === 16
        ? new Uint16Array(buffer, body + offset, width * height)
        : new Uint8Array(buffer, body + offset, width * height);
    images.set(path, { width, height, pixels });
  }
  const file = header.pretrained;
  return {
    name: header.name,
    index: header.index,
    images,
    ...(file
      ? {
          pretrained: {
            fileName: file.fileName,
            bytes: new Uint8Array(buffer, body + file.offset, file.length),
          },
        }
      : {}),
  };
}
