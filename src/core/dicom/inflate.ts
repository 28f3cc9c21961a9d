// The deflated transfer syntax's data set (PS3.5 A.5) is raw DEFLATE (RFC 1951). The standard
// DecompressionStream inflates it in browsers, workers and Node 18+, so the core needs no zlib
// port; it is asynchronous, which is why readDicom is.
import { concatBytes } from '../util/bytes';
import { DicomError } from './data-set';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return concatBytes(chunks);
}

export async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  // A copy, as the DOM typing takes only ArrayBuffer-backed views. A corrupt stream rejects these
  // and the reads alike; the reads' rejection is the one reported.
  writer.write(bytes.slice()).catch(() => undefined);
  writer.close().catch(() => undefined);
  try {
    return await readAll(stream.readable);
  } catch {
    throw new DicomError('the deflated data set is corrupt or truncated');
  }
}
