// The export/import slice: the chosen export scope, the last export and import, their errors.
import type { ExportScope } from '../worker/protocol';

export interface ExportedFile {
  fileName: string;
  bytes: number;
  /** The JSON model card, offered as its own download. */
  card: string;
}

export interface TransferState {
  scope: ExportScope;
  exporting: boolean;
  exported: ExportedFile | null;
  exportError: string | null;
  importing: boolean;
  /** The worker's summary of the imported file (what loaded into which part). */
  importSummary: string | null;
  importError: string | null;
  /** T and E came from an imported file: the transfer stages' precondition. */
  hasImportedWeights: boolean;
}

export const initialTransfer = (): TransferState => ({
  scope: 'colorizer',
  exporting: false,
  exported: null,
  exportError: null,
  importing: false,
  importSummary: null,
  importError: null,
  hasImportedWeights: false,
});
