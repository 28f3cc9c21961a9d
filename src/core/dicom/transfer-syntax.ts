// The transfer syntaxes the DICOM reader knows: how the data set is encoded and, for encapsulated
// pixel data, which codec decodes a frame. Pure data; no decoder is loaded here.

/** The codecs a host provides for encapsulated frames. RLE and JPEG Extended (8 and 12 bits:
 *  libjpeg-turbo's 8-bit WebAssembly build cannot read 12) are decoded in the core itself. */
export type CodecName = 'jpeg-baseline' | 'jpeg-lossless' | 'jpeg-ls' | 'jpeg-2000';

export interface TransferSyntax {
  uid: string;
  name: string;
  explicitVr: boolean;
  littleEndian: boolean;
  /** The data set after the file meta group is raw-deflated (PS3.5 A.5). */
  deflated: boolean;
  /** How encapsulated pixel data is decoded; 'native' = not encapsulated. */
  pixels: 'native' | 'rle' | 'jpeg-extended' | CodecName;
}

type Encoding = 'implicit-le' | 'explicit-le' | 'deflated-le' | 'explicit-be';

function syntax(
  uid: string,
  name: string,
  pixels: TransferSyntax['pixels'],
  encoding: Encoding = 'explicit-le',
): TransferSyntax {
  return {
    uid,
    name,
    pixels,
    explicitVr: encoding !== 'implicit-le',
    littleEndian: encoding !== 'explicit-be',
    deflated: encoding === 'deflated-le',
  };
}

const KNOWN: TransferSyntax[] = [
  syntax('1.2.840.10008.1.2', 'Implicit VR Little Endian', 'native', 'implicit-le'),
  syntax('1.2.840.10008.1.2.1', 'Explicit VR Little Endian', 'native'),
  syntax('1.2.840.10008.1.2.1.99', 'Deflated Explicit VR Little Endian', 'native', 'deflated-le'),
  syntax('1.2.840.10008.1.2.2', 'Explicit VR Big Endian', 'native', 'explicit-be'),
  syntax('1.2.840.10008.1.2.5', 'RLE Lossless', 'rle'),
  syntax('1.2.840.10008.1.2.4.50', 'JPEG Baseline (Process 1)', 'jpeg-baseline'),
  syntax('1.2.840.10008.1.2.4.51', 'JPEG Extended (Process 2 & 4)', 'jpeg-extended'),
  syntax('1.2.840.10008.1.2.4.57', 'JPEG Lossless, Non-Hierarchical (Process 14)', 'jpeg-lossless'),
  syntax('1.2.840.10008.1.2.4.70', 'JPEG Lossless, Process 14, Selection Value 1', 'jpeg-lossless'),
  syntax('1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless', 'jpeg-ls'),
  syntax('1.2.840.10008.1.2.4.81', 'JPEG-LS Near-Lossless', 'jpeg-ls'),
  syntax('1.2.840.10008.1.2.4.90', 'JPEG 2000 (Lossless Only)', 'jpeg-2000'),
  syntax('1.2.840.10008.1.2.4.91', 'JPEG 2000', 'jpeg-2000'),
];

/** Names of syntaxes the reader refuses, so the refusal can say what the file is. */
const REFUSED_NAMES: Record<string, string> = {
  '1.2.840.10008.1.2.4.100': 'MPEG2 Main Profile / Main Level',
  '1.2.840.10008.1.2.4.101': 'MPEG2 Main Profile / High Level',
  '1.2.840.10008.1.2.4.102': 'MPEG-4 AVC/H.264 High Profile',
  '1.2.840.10008.1.2.4.103': 'MPEG-4 AVC/H.264 BD-compatible High Profile',
  '1.2.840.10008.1.2.4.201': 'High-Throughput JPEG 2000 (Lossless Only)',
  '1.2.840.10008.1.2.4.202': 'High-Throughput JPEG 2000 with RPCL Options (Lossless Only)',
  '1.2.840.10008.1.2.4.203': 'High-Throughput JPEG 2000',
};

const BY_UID = new Map(KNOWN.map((syntax) => [syntax.uid, syntax]));

export const IMPLICIT_LITTLE_ENDIAN = BY_UID.get('1.2.840.10008.1.2') as TransferSyntax;
export const EXPLICIT_LITTLE_ENDIAN = BY_UID.get('1.2.840.10008.1.2.1') as TransferSyntax;

export function findTransferSyntax(uid: string): TransferSyntax | undefined {
  return BY_UID.get(uid);
}

/** "unsupported transfer syntax <UID> (<name>)", the name where the UID is a known one. */
export function unsupportedSyntaxMessage(uid: string): string {
  const name = REFUSED_NAMES[uid] ?? BY_UID.get(uid)?.name ?? 'unknown';
  return `unsupported transfer syntax ${uid} (${name})`;
}
