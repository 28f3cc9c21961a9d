// The LR finder slice: the sweep length, the request's busy flag and error, and the last curve
// with its suggestions. Plain data plus pure helpers (tested in Node).
import type { StageId } from '../core/train/stages';
import type { LrSuggestions, SuggestionRule, WorkerEvent } from '../worker/protocol';

export interface LrFinderResult {
  /** The stage the sweep prepared (frozen parts, new C). */
  stage: StageId;
  lrs: number[];
  /** Smoothed losses, one per lr. */
  losses: number[];
  stopReason: Extract<WorkerEvent, { kind: 'lrFound' }>['stopReason'];
  suggestions: LrSuggestions;
}

export interface LrFinderState {
  /** Sweep iterations: SPEC §4's 100; fewer on slow devices (at least 6). */
  numIt: number;
  busy: boolean;
  error: string | null;
  result: LrFinderResult | null;
}

export const initialLrFinder = (): LrFinderState => ({
  numIt: 100,
  busy: false,
  error: null,
  result: null,
});

/** The suggestions in the order the panel lists them, with fastai's names for the rules. */
export const SUGGESTION_RULES: readonly (readonly [SuggestionRule, string])[] = [
  ['valley', 'Valley'],
  ['steep', 'Steepest descent'],
  ['minimumDiv10', 'Minimum ÷ 10'],
];

/** A suggested lr as the lrMax setting: 3 significant digits, finer than the sweep's own grid
 *  (each of its 100 steps multiplies the lr by (1e8)^(1/100) ≈ 1.2). */
export function suggestedLrMax(lr: number): number {
  return Number(lr.toPrecision(3));
}

/** The curve's points a log-lr chart can draw: finite losses at positive lrs. */
export function chartPoints(result: LrFinderResult): { lr: number; loss: number }[] {
  return result.lrs
    .map((lr, i) => ({ lr, loss: result.losses[i] ?? Number.NaN }))
    .filter((p) => p.lr > 0 && Number.isFinite(p.loss));
}
