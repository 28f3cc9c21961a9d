// The colorization preview's history for the running stage: a snapshot per validation, bounded,
// and the one the slider shows. Pure functions over plain arrays (tested in Node).
import type { StageId } from '../core/train/stages';
import type { PreviewImage } from '../worker/protocol';

/** What T made of the fixed preview images at one validation. */
export interface PreviewSnapshot {
  step: number;
  images: PreviewImage[];
}

export interface PreviewHistory {
  stage: StageId | null;
  /** Oldest first, at most MAX_PREVIEW_SNAPSHOTS. */
  snapshots: PreviewSnapshot[];
  /** The step of the snapshot the user chose; null follows the newest. A step, not an index:
   *  thinning shifts indices, and the user asked for a moment of the run. */
  heldStep: number | null;
}

/** Snapshots kept per stage run. Over it, every other one is dropped (the first and the newest
 *  stay), so the slider still spans the whole run at half the resolution. Four images of three
 *  RGBA arrays at 224 px are ≈ 2.4 MB a snapshot, so ≈ 48 MB at most. */
export const MAX_PREVIEW_SNAPSHOTS = 20;

export const initialPreviews = (): PreviewHistory => ({
  stage: null,
  snapshots: [],
  heldStep: null,
});

/** Keeps even positions and the last: the first snapshot and the newest survive every thinning. */
function thin(snapshots: readonly PreviewSnapshot[], max: number): PreviewSnapshot[] {
  let out = [...snapshots];
  while (out.length > max) {
    const last = out.length - 1;
    out = out.filter((_, i) => i % 2 === 0 || i === last);
  }
  return out;
}

/** A held step that thinning dropped moves to the latest kept snapshot at or before it. */
function keptStep(snapshots: readonly PreviewSnapshot[], held: number | null): number | null {
  if (held === null || snapshots.some((s) => s.step === held)) return held;
  const earlier = snapshots.filter((s) => s.step <= held).at(-1) ?? snapshots[0];
  return earlier?.step ?? null;
}

/** The history after a preview event: a new stage run starts a fresh one. */
export function addSnapshot(
  history: PreviewHistory,
  stage: StageId,
  snapshot: PreviewSnapshot,
  max = MAX_PREVIEW_SNAPSHOTS,
): PreviewHistory {
  const current = history.stage === stage ? history : { ...initialPreviews(), stage };
  const snapshots = thin([...current.snapshots, snapshot], max);
  return { stage, snapshots, heldStep: keptStep(snapshots, current.heldStep) };
}

/** The slider moved to `index`: hold that snapshot, or follow the newest again at the end. */
export function selectSnapshot(history: PreviewHistory, index: number): PreviewHistory {
  const last = history.snapshots.length - 1;
  const chosen = history.snapshots[Math.min(Math.max(0, Math.round(index)), last)];
  const heldStep = chosen === undefined || index >= last ? null : chosen.step;
  return heldStep === history.heldStep ? history : { ...history, heldStep };
}

/** The index the preview shows: the held snapshot, else the newest (−1 when there is none). */
export function shownIndex(history: PreviewHistory): number {
  const held = history.snapshots.findIndex((s) => s.step === history.heldStep);
  return held >= 0 ? held : history.snapshots.length - 1;
}
