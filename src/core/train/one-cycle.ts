// The one-cycle learning-rate and momentum schedule (SPEC §4): fastai v1's form by default, v2's as
// an option. Pure arithmetic, no imports: the training loop, the worker and the UI's preview of the
// curve all call the same function.

export type OneCycleVariant = 'fastai-v1' | 'fastai-v2';

export interface OneCycleOptions {
  /** Optimizer steps in the whole cycle (n). */
  totalSteps: number;
  /** The peak learning rate. */
  lrMax: number;
  /** Default 'fastai-v1': fastai 1.0.x's fit_one_cycle, what the paper used in 2020. */
  variant?: OneCycleVariant;
  /** Share of the steps spent warming up: default 0.3 (v1) or 0.25 (v2), fastai's defaults. */
  pctStart?: number;
  /** The cycle starts at lrMax / divFactor: default 25 in both fastai versions. */
  divFactor?: number;
  /** The cycle ends towards lrMax / finalDiv: default divFactor·1e4 (v1) or 1e5 (v2), as fastai. */
  finalDiv?: number;
  /** [high, low]: momentum falls from high to low while lr warms up, then climbs back.
   *  Default [0.95, 0.85], fastai's moms. */
  momentum?: readonly [number, number];
}

export interface ScheduledHyper {
  lr: number;
  momentum: number;
}

export type ResolvedOneCycleOptions = Required<OneCycleOptions>;

/** SPEC §4's cosine annealing, in fastai v1's algebra (fastai/callback.py `annealing_cos`). */
export function annealCos(start: number, end: number, p: number): number {
  return end + ((start - end) / 2) * (Math.cos(Math.PI * p) + 1);
}

/** The same curve in fastai v2's algebra (fastai/callback/schedule.py `sched_cos`). */
function schedCos(start: number, end: number, pos: number): number {
  return start + ((1 + Math.cos(Math.PI * (1 - pos))) * (end - start)) / 2;
}

/** Fills in fastai's defaults for the chosen variant and checks every value. */
export function resolveOneCycleOptions(opts: OneCycleOptions): ResolvedOneCycleOptions {
  const variant = opts.variant ?? 'fastai-v1';
  const divFactor = opts.divFactor ?? 25;
  const resolved: ResolvedOneCycleOptions = {
    totalSteps: opts.totalSteps,
    lrMax: opts.lrMax,
    variant,
    pctStart: opts.pctStart ?? (variant === 'fastai-v1' ? 0.3 : 0.25),
    divFactor,
    finalDiv: opts.finalDiv ?? (variant === 'fastai-v1' ? divFactor * 1e4 : 1e5),
    momentum: opts.momentum ?? [0.95, 0.85],
  };
  const problems = optionProblems(resolved);
  if (problems.length > 0) throw new RangeError(`one-cycle: ${problems.join('; ')}`);
  return resolved;
}

function optionProblems(o: ResolvedOneCycleOptions): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(o.totalSteps) || o.totalSteps < 1)
    problems.push(`totalSteps must be a positive integer, got ${o.totalSteps}`);
  if (!(o.lrMax > 0) || !Number.isFinite(o.lrMax))
    problems.push(`lrMax must be a positive number, got ${o.lrMax}`);
  if (!(o.pctStart >= 0 && o.pctStart <= 1))
    problems.push(`pctStart must lie in [0, 1], got ${o.pctStart}`);
  if (!(o.divFactor > 0)) problems.push(`divFactor must be positive, got ${o.divFactor}`);
  if (!(o.finalDiv > 0)) problems.push(`finalDiv must be positive, got ${o.finalDiv}`);
  if (o.variant !== 'fastai-v1' && o.variant !== 'fastai-v2')
    problems.push(`variant must be 'fastai-v1' or 'fastai-v2', got ${String(o.variant)}`);
  return problems;
}

/**
 * fastai v1 (fastai/callbacks/one_cycle.py `OneCycleScheduler` over fastai/callback.py
 * `Scheduler`): step 0 runs at the first phase's start; after each batch the current phase's
 * `step()` advances its counter k first and returns anneal(start, end, k / phaseLength). Phase
 * lengths are a1 = floor(n·pctStart) and n − a1, each at least 1 (an empty warm-up still takes one
 * step, as fastai's `max(1, n_iter)`). So step i ≥ 1 uses p = i / a1 while i ≤ a1, then
 * p = (i − a1) / (n − a1): the last step never reaches the final lr.
 */
function fastaiV1(step: number, o: ResolvedOneCycleOptions): ScheduledHyper {
  const [highMomentum, lowMomentum] = o.momentum;
  const lowLr = o.lrMax / o.divFactor;
  // Step 0 is the scheduler's stored start, not anneal(…, 0), which may differ in the last bit.
  if (step === 0) return { lr: lowLr, momentum: highMomentum };
  const warmupLength = Math.floor(o.totalSteps * o.pctStart);
  const warmupSteps = Math.max(1, warmupLength);
  const annealSteps = Math.max(1, o.totalSteps - warmupLength);
  if (step <= warmupSteps) {
    const p = step / warmupSteps;
    return { lr: annealCos(lowLr, o.lrMax, p), momentum: annealCos(highMomentum, lowMomentum, p) };
  }
  const p = (step - warmupSteps) / annealSteps;
  return {
    lr: annealCos(o.lrMax, o.lrMax / o.finalDiv, p),
    momentum: annealCos(lowMomentum, highMomentum, p),
  };
}

/**
 * fastai v2 (fastai/callback/schedule.py `fit_one_cycle` → `combined_cos`): the hypers are set
 * before each batch at pos = step / n (the training fraction `pct_train`), phase 0 for
 * pos < pctStart, else phase 1, each at its own fraction of the way. fastai itself accumulates
 * pct_train by repeated addition and evaluates the phase fraction in float32; this is the exact
 * formula (the two agree to ~1e-7 relative; see the fixture test).
 */
function fastaiV2(step: number, o: ResolvedOneCycleOptions): ScheduledHyper {
  const [highMomentum, lowMomentum] = o.momentum;
  const pos = step / o.totalSteps;
  if (pos < o.pctStart) {
    const p = pos / o.pctStart;
    return {
      lr: schedCos(o.lrMax / o.divFactor, o.lrMax, p),
      momentum: schedCos(highMomentum, lowMomentum, p),
    };
  }
  const p = (pos - o.pctStart) / (1 - o.pctStart);
  return {
    lr: schedCos(o.lrMax, o.lrMax / o.finalDiv, p),
    momentum: schedCos(lowMomentum, highMomentum, p),
  };
}

/** The lr and momentum for optimizer step `step` (0-based, < totalSteps). */
export function oneCycle(step: number, opts: OneCycleOptions): ScheduledHyper {
  const o = resolveOneCycleOptions(opts);
  return scheduleAt(step, o);
}

function scheduleAt(step: number, o: ResolvedOneCycleOptions): ScheduledHyper {
  if (!Number.isInteger(step) || step < 0 || step >= o.totalSteps) {
    throw new RangeError(`one-cycle: step must be an integer in [0, ${o.totalSteps}), got ${step}`);
  }
  return o.variant === 'fastai-v1' ? fastaiV1(step, o) : fastaiV2(step, o);
}

/** The whole schedule, one entry per step (for charts and for the training loop's lookups). */
export function oneCycleCurve(opts: OneCycleOptions): ScheduledHyper[] {
  const o = resolveOneCycleOptions(opts);
  return Array.from({ length: o.totalSteps }, (_, step) => scheduleAt(step, o));
}
