// The runs history slice: every stored stage run of every experiment (listed from IndexedDB by the
// worker at start, extended by its runSaved events), the request state, and which experiment the
// Results view shows. Plain data plus pure helpers (tested in Node).
import type { RunHistoryEntry } from '../worker/protocol';

export interface HistoryState {
  /** Oldest first, as the worker lists them (savedAt, then id). */
  entries: RunHistoryEntry[];
  /** The first listRuns request is in flight. */
  loading: boolean;
  /** A deleteRuns request is in flight. */
  deleting: boolean;
  /** What the last listRuns or deleteRuns failed with. */
  error: string | null;
  /** The experiment the Results view shows; null (or one no longer stored): the newest. */
  chosenExperiment: string | null;
}

export const initialHistory = (): HistoryState => ({
  entries: [],
  loading: false,
  deleting: false,
  error: null,
  chosenExperiment: null,
});

const byAge = (a: RunHistoryEntry, b: RunHistoryEntry) =>
  a.savedAt.localeCompare(b.savedAt) || a.id.localeCompare(b.id);

/** `current` with `listed` laid over it (same id: the listed one wins) and `deleted` left out,
 *  oldest first. An entry saved while a list request was in flight is kept, not lost. */
export function mergeEntries(
  current: readonly RunHistoryEntry[],
  listed: readonly RunHistoryEntry[],
  deleted: readonly string[] = [],
): RunHistoryEntry[] {
  const gone = new Set(deleted);
  const merged = new Map<string, RunHistoryEntry>();
  for (const entry of [...current, ...listed]) if (!gone.has(entry.id)) merged.set(entry.id, entry);
  return [...merged.values()].sort(byAge);
}

export interface ExperimentSummary {
  id: string;
  name: string;
  /** Stage runs stored for it. */
  stageRuns: number;
  /** Its newest entry's savedAt. */
  lastSaved: string;
}

/** The stored experiments, newest (by last saved stage run) first. */
export function experimentsOf(entries: readonly RunHistoryEntry[]): ExperimentSummary[] {
  const found = new Map<string, ExperimentSummary>();
  for (const entry of entries) {
    const known = found.get(entry.experimentId);
    const lastSaved = known && known.lastSaved > entry.savedAt ? known.lastSaved : entry.savedAt;
    found.set(entry.experimentId, {
      id: entry.experimentId,
      name: entry.experimentName,
      stageRuns: (known?.stageRuns ?? 0) + 1,
      lastSaved,
    });
  }
  return [...found.values()].sort(
    (a, b) => b.lastSaved.localeCompare(a.lastSaved) || a.id.localeCompare(b.id),
  );
}

/** The experiment to show: the chosen one while it is stored, else the newest; null: none. */
export function shownExperiment(
  entries: readonly RunHistoryEntry[],
  chosen: string | null,
): string | null {
  if (chosen !== null && entries.some((e) => e.experimentId === chosen)) return chosen;
  return experimentsOf(entries)[0]?.id ?? null;
}

/** One experiment's stage runs in plan order (run, then stage): the order the headless runner
 *  reports them in, so the report is built from the same record sequence. */
export function experimentEntries(
  entries: readonly RunHistoryEntry[],
  experimentId: string | null,
): RunHistoryEntry[] {
  return entries
    .filter((e) => e.experimentId === experimentId)
    .sort((a, b) => a.runIndex - b.runIndex || a.stageIndex - b.stageIndex);
}
