// A minimal reader of stored (uncompressed) ZIP archives, the container torch.save writes. Pure TS
// with no Node zlib or browser streams: torch never compresses its records, so none is needed.
import { WeightsFileError } from './file-error';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/** Record name → its bytes, a view into the archive (no copy). */
export type ZipRecords = Map<string, Uint8Array>;

/** True when the bytes start like a ZIP archive (a local file header). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && readU32(bytes, 0) === LOCAL_SIGNATURE;
}

function readU16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function readU32(bytes: Uint8Array, at: number): number {
  return (readU16(bytes, at) | (readU16(bytes, at + 2) << 16)) >>> 0;
}

/** Scans back over a possible archive comment for the end-of-central-directory record. */
function findEndOfCentralDirectory(bytes: Uint8Array): number {
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
    if (readU32(bytes, at) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  size: number;
  localOffset: number;
  /** Where the next central-directory entry starts. */
  next: number;
}

function readCentralEntry(bytes: Uint8Array, at: number, fail: (f: string) => Error): CentralEntry {
  if (at + 46 > bytes.length || readU32(bytes, at) !== CENTRAL_SIGNATURE) {
    throw fail(`ZIP central directory is damaged at byte ${at}`);
  }
  const nameLength = readU16(bytes, at + 28);
  const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
  return {
    name,
    flags: readU16(bytes, at + 8),
    method: readU16(bytes, at + 10),
    size: readU32(bytes, at + 20), // compressed size = stored size for method 0
    localOffset: readU32(bytes, at + 42),
    next: at + 46 + nameLength + readU16(bytes, at + 30) + readU16(bytes, at + 32),
  };
}

/** The stored bytes of one entry, located through its local header (whose extra field differs). */
function entryData(bytes: Uint8Array, entry: CentralEntry, fail: (f: string) => Error): Uint8Array {
  const where = `ZIP record ${JSON.stringify(entry.name)}`;
  if (entry.flags & 1) throw fail(`${where} is encrypted`);
  if (entry.method !== 0) {
    throw fail(`${where} is compressed (method ${entry.method}); torch.save stores records`);
  }
  const local = entry.localOffset;
  if (local + 30 > bytes.length || readU32(bytes, local) !== LOCAL_SIGNATURE) {
    throw fail(`${where}: local header missing at byte ${local} (truncated or damaged archive)`);
  }
  const start = local + 30 + readU16(bytes, local + 26) + readU16(bytes, local + 28);
  if (start + entry.size > bytes.length) {
    throw fail(`${where} runs past the end of the file (truncated archive)`);
  }
  return bytes.subarray(start, start + entry.size);
}

/**
 * Lists the records of a stored ZIP archive. torch 1.13 also writes ZIP64 end records; the
 * classic end record still holds the real values unless the archive exceeds 4 GB or 65535
 * records, which is refused.
 */
export function readZipRecords(bytes: Uint8Array, fileName: string): ZipRecords {
  const fail = (fault: string) => new WeightsFileError(fileName, fault);
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) throw fail('not a complete ZIP archive (no end record; truncated file?)');
  const count = readU16(bytes, eocd + 10);
  let at = readU32(bytes, eocd + 16);
  if (count === 0xffff || at === 0xffffffff) {
    throw fail('ZIP64 archives (over 4 GB or 65535 records) are not supported');
  }
  const records: ZipRecords = new Map();
  for (let i = 0; i < count; i++) {
    const entry = readCentralEntry(bytes, at, fail);
    records.set(entry.name, entryData(bytes, entry, fail));
    at = entry.next;
  }
  return records;
}
