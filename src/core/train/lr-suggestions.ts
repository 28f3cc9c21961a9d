// The LR finder's suggestions (SPEC §4), ported from fastai v2's lr_find and its SuggestionMethod
// functions `steep`, `minimum` and `valley` (fastai/callback/schedule.py). Pure, no imports.

export interface LrSuggestions {
  /** The lr at the left end of the steepest descent of the loss over log-lr (fastai `steep`). */
  steep: number | null;
  /** The lr of the lowest loss, divided by 10 (fastai `minimum`). */
  minimumDiv10: number | null;
  /** About halfway into the longest descending stretch (fastai `valley`, lr_find's default). */
  valley: number | null;
  /** The recorded points the suggestions looked at: indices start (inclusive) to end (exclusive). */
  window: { start: number; end: number };
}

/** The three rules, by their field in LrSuggestions. */
export type SuggestionRule = Exclude<keyof LrSuggestions, 'window'>;

/** Points dropped at the end of the curve, where the loss is already diverging (fastai: `[:-5]`). */
export const SKIPPED_END_POINTS = 5;

/**
 * Suggestions from a recorded sweep: `lrs` and the smoothed `losses` as recorded, possibly cut
 * short by the stop rule. As fastai's lr_find, it keeps points [⌊numIt/10⌋, recorded − 5) — the
 * skip at the start counts the planned iterations numIt, not the recorded ones — and cuts that
 * window before its first non-finite loss (fastai cuts at NaN; an infinite smoothed loss can only
 * come from divergence, which the stop rule ends on). A suggestion that the window is too short
 * for is null (fastai would raise): steep needs two points, the others one.
 */
export function suggestLearningRates(
  lrs: readonly number[],
  losses: readonly number[],
  opts: { numIt?: number } = {},
): LrSuggestions {
  if (lrs.length !== losses.length) {
    throw new Error(`suggestLearningRates: ${lrs.length} lrs but ${losses.length} losses`);
  }
  const window = suggestionWindow(losses, opts.numIt ?? lrs.length);
  const wLrs = lrs.slice(window.start, window.end);
  const wLosses = losses.slice(window.start, window.end);
  if (wLosses.length === 0) return { steep: null, minimumDiv10: null, valley: null, window };
  return {
    steep: wLosses.length < 2 ? null : at(wLrs, steepIndex(wLrs, wLosses)),
    minimumDiv10: at(wLrs, argmin(wLosses)) / 10,
    valley: at(wLrs, valleyIndex(wLosses)),
    window,
  };
}

function suggestionWindow(losses: readonly number[], numIt: number): LrSuggestions['window'] {
  const start = Math.floor(numIt / 10);
  const end = Math.max(start, losses.length - SKIPPED_END_POINTS);
  const firstNonFinite = losses.slice(start, end).findIndex((loss) => !Number.isFinite(loss));
  return { start, end: firstNonFinite === -1 ? end : start + firstNonFinite };
}

/** fastai `steep`: argmin over i of (loss[i+1] − loss[i]) / (log lr[i+1] − log lr[i]). */
function steepIndex(lrs: readonly number[], losses: readonly number[]): number {
  const slopes = losses
    .slice(1)
    .map((loss, i) => (loss - at(losses, i)) / (Math.log(at(lrs, i + 1)) - Math.log(at(lrs, i))));
  return argmin(slopes);
}

/**
 * fastai `valley`, kept line for line: lds[i] is the length of the longest decreasing
 * subsequence ending at i; max_end moves to the first i whose lds beats the record, and max_start
 * is set at that moment to max_end − lds[max_end] (not updated if lds[i] grows later in the inner
 * loop). With s = (max_end − max_start)/3 the suggestion is max_start + ⌊s⌋ + ⌊s/2⌋, about
 * halfway. A negative index (a strictly decreasing pair) wraps around as Python's indexing does.
 */
function valleyIndex(losses: readonly number[]): number {
  const n = losses.length;
  const lds = new Array<number>(n).fill(1);
  let maxStart = 0;
  let maxEnd = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (at(losses, i) < at(losses, j) && at(lds, i) < at(lds, j) + 1) lds[i] = at(lds, j) + 1;
      if (at(lds, maxEnd) < at(lds, i)) {
        maxEnd = i;
        maxStart = maxEnd - at(lds, maxEnd);
      }
    }
  }
  const sections = (maxEnd - maxStart) / 3;
  const index = maxStart + Math.trunc(sections) + Math.trunc(sections / 2);
  return index < 0 ? index + n : index;
}

/** Index of the first smallest value (numpy's and torch's argmin). */
function argmin(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (at(values, i) < at(values, best)) best = i;
  return best;
}

function at(values: readonly number[], index: number): number {
  const value = values[index];
  if (value === undefined) throw new RangeError(`index ${index} outside [0, ${values.length})`);
  return value;
}
