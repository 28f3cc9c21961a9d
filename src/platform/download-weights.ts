// Downloads weights files in the browser: streamed with progress, cancellable, verified (size,
// sha256) and kept in Cache Storage so each file downloads once. Browser-only (fetch, streams,
// crypto.subtle, caches): it lives in platform, never in the core.
import { concatBytes } from '../core/util/bytes';

export interface DownloadProgress {
  /** Bytes received so far. */
  bytes: number;
  /** Expected total (Content-Length, else the known size), null when unknown. */
  total: number | null;
  /** Average rate since the request started. */
  bytesPerSecond: number;
}

export interface DownloadRequest {
  url: string;
  /** Exact size, where known for certain. */
  byteLength?: number;
  /** Full lowercase hex sha256, or a prefix of it (torchvision's file names carry 8 digits). */
  sha256?: string;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  /** Cache Storage bucket; a new name starts an empty cache. */
  cacheName?: string;
}

export interface DownloadResult {
  bytes: Uint8Array;
  /** Full hex sha256 of `bytes` (what the model card records). */
  sha256: string;
  fromCache: boolean;
}

export const WEIGHTS_CACHE = 'chromaxr-weights-v1';

/** A download that arrived but is not the expected file; never cached. */
export class DownloadCheckError extends Error {
  constructor(url: string, fault: string) {
    super(`${url}: ${fault}`);
    this.name = 'DownloadCheckError';
  }
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Throws DownloadCheckError when the size or the (prefix of the) sha256 differs. */
async function verify(request: DownloadRequest, bytes: Uint8Array): Promise<string> {
  const { url, byteLength, sha256 } = request;
  if (byteLength !== undefined && bytes.length !== byteLength) {
    throw new DownloadCheckError(url, `received ${bytes.length} bytes, expected ${byteLength}`);
  }
  const digest = await sha256Hex(bytes);
  const expected = sha256?.toLowerCase();
  if (expected && !digest.startsWith(expected)) {
    throw new DownloadCheckError(
      url,
      `sha256 is ${digest}, expected ${expected}…: corrupt or wrong file`,
    );
  }
  return digest;
}

/** Reads the body chunk by chunk, reporting progress; the signal aborts the read. */
async function readWithProgress(response: Response, request: DownloadRequest): Promise<Uint8Array> {
  const header = Number(response.headers.get('content-length'));
  const total = header > 0 ? header : (request.byteLength ?? null);
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(await response.arrayBuffer());
  const started = performance.now();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.length;
    const seconds = Math.max((performance.now() - started) / 1000, 1e-3);
    request.onProgress?.({ bytes, total, bytesPerSecond: bytes / seconds });
  }
  return concatBytes(chunks);
}

/** A cached copy that still passes the checks, or null (a bad copy is evicted). */
async function fromCache(cache: Cache, request: DownloadRequest): Promise<DownloadResult | null> {
  const hit = await cache.match(request.url);
  if (!hit) return null;
  const bytes = new Uint8Array(await hit.arrayBuffer());
  try {
    return { bytes, sha256: await verify(request, bytes), fromCache: true };
  } catch {
    await cache.delete(request.url);
    return null;
  }
}

/**
 * The file at `request.url`: from Cache Storage when a verified copy is there, else downloaded,
 * verified, then cached. Rejects with DownloadCheckError (bad size or digest, nothing cached),
 * an Error for HTTP failures, or the signal's AbortError when cancelled.
 */
export async function downloadWeights(request: DownloadRequest): Promise<DownloadResult> {
  const cache = await caches.open(request.cacheName ?? WEIGHTS_CACHE);
  const cached = await fromCache(cache, request);
  if (cached) return cached;
  // No Referer: the weights host learns nothing of where the studio runs (no cookies go either,
  // the request being cross-origin with credentials 'same-origin').
  const response = await fetch(request.url, {
    signal: request.signal,
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
  });
  if (!response.ok)
    throw new Error(`${request.url}: HTTP ${response.status} ${response.statusText}`);
  const bytes = await readWithProgress(response, request);
  const sha256 = await verify(request, bytes);
  await cache.put(
    request.url,
    new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(bytes.length),
      },
    }),
  );
  return { bytes, sha256, fromCache: false };
}
