// A DICOM file's layout (PS3.10 7.1): an optional 128-byte preamble and "DICM", the file meta
// group in explicit VR little endian naming the transfer syntax, then the data set. Files without
// the preamble start at the meta group, or straight at the data set (then the syntax is guessed).
import { cursorAt, type DataSet, DicomError, readDataSet, readTopLevel } from './data-set';
import { inflateRaw } from './inflate';
import {
  EXPLICIT_LITTLE_ENDIAN,
  findTransferSyntax,
  IMPLICIT_LITTLE_ENDIAN,
  type TransferSyntax,
  unsupportedSyntaxMessage,
} from './transfer-syntax';
import { text } from './values';

const TRANSFER_SYNTAX_UID = 0x00020010;
const META_GROUP = 0x0002;

export interface DicomFile {
  syntax: TransferSyntax;
  dataSet: DataSet;
}

/** Where the meta group or data set starts: after "DICM" at 128, or at 0. */
function contentStart(bytes: Uint8Array): number {
  const marker = String.fromCharCode(...bytes.subarray(128, 132));
  return marker === 'DICM' ? 132 : 0;
}

function isUpper(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x41 && byte <= 0x5a;
}

/** A bare data set: explicit VR if two capital letters follow the first tag, else implicit. */
function guessSyntax(bytes: Uint8Array, start: number): TransferSyntax {
  const group = (bytes[start] ?? 0) | ((bytes[start + 1] ?? 0) << 8);
  if (bytes.length < start + 8 || group === 0 || group > 0x7fe0 || group % 2 === 1) {
    throw new DicomError('not a DICOM file (no DICM marker and no data element at the start)');
  }
  const explicit = isUpper(bytes[start + 4]) && isUpper(bytes[start + 5]);
  return explicit ? EXPLICIT_LITTLE_ENDIAN : IMPLICIT_LITTLE_ENDIAN;
}

function syntaxFromMeta(meta: DataSet): TransferSyntax {
  const uid = text(meta, TRANSFER_SYNTAX_UID);
  if (uid === undefined) throw new DicomError('the file meta group lacks the Transfer Syntax UID');
  const syntax = findTransferSyntax(uid);
  if (!syntax) throw new DicomError(unsupportedSyntaxMessage(uid));
  return syntax;
}

/** Reads the file's structure; the pixel data stays a view into `bytes` (or the inflated copy). */
export async function readDicomFile(bytes: Uint8Array): Promise<DicomFile> {
  const start = contentStart(bytes);
  const startsWithMeta =
    bytes.length >= start + 4 && bytes[start] === META_GROUP && bytes[start + 1] === 0;
  if (!startsWithMeta) {
    if (start === 132) throw new DicomError('the file meta group (0002) is missing after DICM');
    const syntax = guessSyntax(bytes, start);
    return { syntax, dataSet: readTopLevel(cursorAt(bytes, start, syntax)) };
  }
  const cursor = cursorAt(bytes, start, { explicitVr: true, littleEndian: true });
  const meta = readDataSet(cursor, {
    end: bytes.length,
    before: (tag) => tag >>> 16 !== META_GROUP,
  });
  const syntax = syntaxFromMeta(meta);
  if (!syntax.deflated)
    return { syntax, dataSet: readTopLevel(cursorAt(bytes, cursor.pos, syntax)) };
  const inflated = await inflateRaw(bytes.subarray(cursor.pos));
  return { syntax, dataSet: readTopLevel(cursorAt(inflated, 0, syntax)) };
}
