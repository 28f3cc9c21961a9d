// One entry point for every weights file a user or a download hands us: sniffs safetensors, the
// torch.save ZIP archive and the legacy .pth format, and reads it. tfjs only (through the readers).

import type { StateDict } from '../model/state-dict';
import { WeightsFileError } from './file-error';
import { readSafetensors } from './safetensors';
import { readTorchCheckpoint } from './torch-checkpoint';
import { looksLikeLegacyCheckpoint } from './torch-legacy';
import { looksLikeZip } from './zip';

export type WeightsFormat = 'safetensors' | 'torch-zip' | 'torch-legacy';

export interface WeightsFileContents {
  format: WeightsFormat;
  /** float32 (and int32) tensors in the file's names and PyTorch layouts; the caller disposes them. */
  tensors: StateDict;
  /** safetensors `__metadata__` (empty for .pth files). */
  metadata: Record<string, string>;
  /** Entries not loaded (int64 counters such as `num_batches_tracked`). */
  skipped: string[];
}

const OPEN_BRACE = 0x7b; // '{': the first byte of a safetensors JSON header

/**
 * The format by content, never by file name (a renamed download still reads): a local ZIP header
 * is torch.save's archive, torch's pickled magic number the legacy format, and '{' after the
 * 8-byte header length safetensors (a bad length is then reported by the safetensors reader).
 * null when none matches.
 */
export function sniffWeightsFormat(bytes: Uint8Array): WeightsFormat | null {
  if (looksLikeZip(bytes)) return 'torch-zip';
  if (looksLikeLegacyCheckpoint(bytes)) return 'torch-legacy';
  if (bytes[8] === OPEN_BRACE) return 'safetensors';
  return null;
}

/**
 * Reads a safetensors file or a PyTorch checkpoint (.pth, ZIP or legacy) with one call. Every
 * fault is a WeightsFileError whose message starts with `fileName`; no tensor exists on failure.
 */
export function readWeightsFile(bytes: Uint8Array, fileName: string): WeightsFileContents {
  const format = sniffWeightsFormat(bytes);
  if (format === 'safetensors') {
    const { tensors, metadata, skipped } = readSafetensors(bytes, { fileName });
    return { format, tensors, metadata, skipped };
  }
  if (format !== null) {
    const { tensors, skipped } = readTorchCheckpoint(bytes, { fileName });
    return { format, tensors, metadata: {}, skipped };
  }
  throw new WeightsFileError(
    fileName,
    `not a weights file (${bytes.length} bytes): neither safetensors, a torch.save ZIP ` +
      'archive nor a legacy .pth checkpoint',
  );
}
