// The runs history in IndexedDB (idb-keyval, its own database): one record per stage of an
// experiment run, written when the stage ends, so curves, scores and previews outlive model
// rebuilds, resumed stages and reloads until the user deletes them. Browser/worker only.
import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import type { StageRunReport } from '../core/experiment/experiment';
import type { PreviewPixels } from '../core/experiment/preview';

/** One stage of one run as the runs history (IndexedDB) keeps it: the runner's report for it, its
 *  curves and preview snapshots. Survives rebuilds, resumes and reloads until deleted. */
export interface RunHistoryEntry {
  /** `${experimentId}/${runIndex}/${stageIndex}`. */
  id: string;
  experimentId: string;
  experimentName: string;
  runIndex: number;
  stageIndex: number;
  /** Settings, seed, test scores (record), best step, timings, ROC curves: as the runner writes. */
  report: StageRunReport;
  curves: {
    loss: { step: number; loss: number; lr: number }[];
    validations: { step: number; meanAuc: number; perLabel: number[] }[];
  };
  /** T's output at each validation, oldest first (bounded). */
  previews: { step: number; images: PreviewPixels[] }[];
  savedAt: string;
}

let opened: UseStore | null = null;
const db = (): UseStore => {
  opened ??= createStore('chromaxr-runs', 'runs');
  return opened;
};

export function saveRun(entry: RunHistoryEntry): Promise<void> {
  return set(entry.id, entry, db());
}

/** Every stored entry, oldest first. */
export async function listRuns(): Promise<RunHistoryEntry[]> {
  const all = (await entries<string, RunHistoryEntry>(db())).map(([, entry]) => entry);
  return all.sort((a, b) => a.savedAt.localeCompare(b.savedAt) || a.id.localeCompare(b.id));
}

export async function deleteRuns(ids: readonly string[]): Promise<void> {
  for (const id of ids) await del(id, db());
}
