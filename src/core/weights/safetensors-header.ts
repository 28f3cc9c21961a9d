// Parsing and validation of a safetensors header. Pure TS (no tfjs, no DOM, no Node): it checks
// everything about the file before a single value is decoded or a tensor is created.
import { DTYPE_BYTES, type FileDtype, isFileDtype } from './dtypes';
import { isIndex, WeightsFileError } from './file-error';

/** One tensor of the header; offsets are relative to the end of the header. */
export interface SafetensorsEntry {
  name: string;
  dtype: FileDtype;
  shape: number[];
  begin: number;
  end: number;
}

export interface SafetensorsHeader {
  /** Sorted by data offset (for files from the reference writer, that is sorted by name). */
  entries: SafetensorsEntry[];
  metadata: Record<string, string>;
  /** Byte offset of the data section in the file: 8 + header length. */
  dataStart: number;
}

type Fail = (fault: string) => WeightsFileError;

const SUPPORTED = 'reads F32, F16, BF16, F64, I32, U8 and skips I64';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeHeaderJson(bytes: Uint8Array, fail: Fail): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fail('header is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw fail(`header is not valid JSON (${(error as Error).message})`);
  }
}

function parseMetadata(raw: unknown, fail: Fail): Record<string, string> {
  if (!isRecord(raw) || !Object.values(raw).every((v) => typeof v === 'string')) {
    throw fail('"__metadata__" must map names to strings');
  }
  return raw as Record<string, string>;
}

function parseEntry(name: string, raw: unknown, fail: Fail): SafetensorsEntry {
  const where = `tensor ${JSON.stringify(name)}`;
  if (!isRecord(raw)) throw fail(`${where}: entry is not an object`);
  const { dtype, shape, data_offsets: offsets } = raw;
  if (typeof dtype !== 'string' || !isFileDtype(dtype)) {
    throw fail(`${where}: unknown or unsupported dtype ${JSON.stringify(dtype)} (${SUPPORTED})`);
  }
  if (!Array.isArray(shape) || !shape.every(isIndex)) {
    throw fail(`${where}: shape ${JSON.stringify(shape)} is not a list of sizes`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isIndex)) {
    throw fail(`${where}: data_offsets ${JSON.stringify(offsets)} are not two byte offsets`);
  }
  const [begin, end] = offsets as [number, number];
  const needed = shape.reduce((n: number, d: number) => n * d, DTYPE_BYTES[dtype]);
  if (end < begin || end - begin !== needed) {
    throw fail(
      `${where}: data_offsets [${begin}, ${end}] do not match shape [${shape.join(', ')}] ` +
        `of ${dtype} (${needed} bytes)`,
    );
  }
  return { name, dtype, shape, begin, end };
}

/** Sorts by offset and rejects tensors that overlap or run past the data section. */
function checkLayout(entries: SafetensorsEntry[], dataLength: number, fail: Fail): void {
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let previous: SafetensorsEntry | undefined;
  for (const entry of entries) {
    const range = `data_offsets [${entry.begin}, ${entry.end}]`;
    if (entry.end > dataLength) {
      throw fail(
        `tensor ${JSON.stringify(entry.name)}: ${range} run past the end of the data ` +
          `(${dataLength} bytes; truncated file?)`,
      );
    }
    if (previous && entry.begin < previous.end) {
      throw fail(
        `tensors ${JSON.stringify(previous.name)} and ${JSON.stringify(entry.name)} overlap ` +
          `(data_offsets [${previous.begin}, ${previous.end}] and [${entry.begin}, ${entry.end}])`,
      );
    }
    previous = entry;
  }
}

/** Reads and validates the header of a safetensors file; throws WeightsFileError on any fault. */
export function parseSafetensorsHeader(bytes: Uint8Array, fileName: string): SafetensorsHeader {
  const fail: Fail = (fault) => new WeightsFileError(fileName, fault);
  if (bytes.length < 8) {
    throw fail(`truncated: ${bytes.length} bytes, shorter than the 8-byte header length`);
  }
  const lengthField = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (lengthField > BigInt(bytes.length - 8)) {
    throw fail(
      `header length ${lengthField} runs past the end of the file (${bytes.length} bytes; ` +
        'truncated or not a safetensors file?)',
    );
  }
  const dataStart = 8 + Number(lengthField);
  const json = decodeHeaderJson(bytes.subarray(8, dataStart), fail);
  if (!isRecord(json)) throw fail('header is not a JSON object');
  let metadata: Record<string, string> = {};
  const entries: SafetensorsEntry[] = [];
  for (const [name, raw] of Object.entries(json)) {
    if (name === '__metadata__') metadata = parseMetadata(raw, fail);
    else entries.push(parseEntry(name, raw, fail));
  }
  checkLayout(entries, bytes.length - dataStart, fail);
  return { entries, metadata, dataStart };
}
