// A minimal writer of stored (uncompressed) ZIP archives, for the export bundle (weights + card).
// Pure TS, no zlib or browser streams: safetensors data does not compress, so storing is enough.

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIGNATURE = 0x06054b50;
const VERSION = 20; // 2.0: the minimum for stored entries
const UTF8_NAMES = 0x0800; // general-purpose flag bit 11: names are UTF-8
const DOS_DATE_1980 = 0x21; // 1980-01-01, 00:00: a fixed date keeps bundles byte-reproducible

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, reflected, as ZIP requires): readers such as Python's zipfile check it. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

interface Placed {
  name: Uint8Array;
  data: Uint8Array;
  crc: number;
  offset: number;
}

/** The fields local and central headers share, from "version needed" to the name length. */
function commonFields(view: DataView, at: number, entry: Placed): void {
  view.setUint16(at, VERSION, true);
  view.setUint16(at + 2, UTF8_NAMES, true);
  view.setUint16(at + 4, 0, true); // method 0: stored
  view.setUint16(at + 6, 0, true); // time
  view.setUint16(at + 8, DOS_DATE_1980, true);
  view.setUint32(at + 10, entry.crc, true);
  view.setUint32(at + 14, entry.data.length, true);
  view.setUint32(at + 18, entry.data.length, true);
  view.setUint16(at + 22, entry.name.length, true);
}

/**
 * A stored ZIP archive of the given files, in the given order. Refuses what needs ZIP64
 * (an entry or archive of 4 GB or more), which no exported module comes near.
 */
export function writeStoredZip(files: readonly { name: string; data: Uint8Array }[]): Uint8Array {
  const placed: Placed[] = [];
  let offset = 0;
  for (const file of files) {
    const name = new TextEncoder().encode(file.name);
    placed.push({ name, data: file.data, crc: crc32(file.data), offset });
    offset += 30 + name.length + file.data.length;
  }
  const centralStart = offset;
  const centralSize = placed.reduce((n, e) => n + 46 + e.name.length, 0);
  const total = centralStart + centralSize + 22;
  if (total >= 0xffffffff) throw new Error('bundle too large for a ZIP archive without ZIP64');
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  for (const entry of placed) {
    view.setUint32(entry.offset, LOCAL_SIGNATURE, true);
    commonFields(view, entry.offset + 4, entry);
    view.setUint16(entry.offset + 28, 0, true); // extra field length
    out.set(entry.name, entry.offset + 30);
    out.set(entry.data, entry.offset + 30 + entry.name.length);
  }
  let at = centralStart;
  for (const entry of placed) {
    view.setUint32(at, CENTRAL_SIGNATURE, true);
    view.setUint16(at + 4, VERSION, true); // version made by
    commonFields(view, at + 6, entry);
    // extra, comment, disk number, internal and external attributes: all zero (already).
    view.setUint32(at + 42, entry.offset, true);
    out.set(entry.name, at + 46);
    at += 46 + entry.name.length;
  }
  view.setUint32(at, EOCD_SIGNATURE, true);
  view.setUint16(at + 8, placed.length, true);
  view.setUint16(at + 10, placed.length, true);
  view.setUint32(at + 12, centralSize, true);
  view.setUint32(at + 16, centralStart, true);
  return out;
}
