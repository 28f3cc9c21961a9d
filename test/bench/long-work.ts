// The long-task benchmark's records (test/bench/longtask-browser.ts): a PerformanceObserver for
// 'longtask' and, where Chromium has it, 'long-animation-frame', installed in the page before
// the studio's own scripts, and a per-phase summary that names what ran in each long task.
// Plain functions: the observer is handed to Playwright's addInitScript, so it is self-contained.
import type { TaskTime } from './thread-time';

/** A main-thread task over 50 ms, as the 'longtask' entry gives it (ms on the page's clock). */
export interface TaskEntry {
  startTime: number;
  duration: number;
}

/** One script of a long animation frame (PerformanceScriptTiming's JSON). */
export interface FrameScript {
  invoker: string;
  invokerType: string;
  sourceURL: string;
  sourceFunctionName: string;
  sourceCharPosition: number;
  duration: number;
  forcedStyleAndLayoutDuration: number;
}

/** A long animation frame (its JSON): scripts, then style, layout and paint from renderStart. */
export interface FrameEntry extends TaskEntry {
  renderStart: number;
  scripts: FrameScript[];
}

export interface LongWork {
  tasks: TaskEntry[];
  frames: FrameEntry[];
  /** Whether Chromium reports long animation frames (the attribution). */
  framesSupported: boolean;
}

declare global {
  interface Window {
    __longWork?: LongWork;
  }
}

/** Runs in the page before its scripts: buffered, so nothing before the observer is lost. */
export function observeLongWork(): void {
  const work: LongWork = {
    tasks: [],
    frames: [],
    framesSupported: PerformanceObserver.supportedEntryTypes.includes('long-animation-frame'),
  };
  window.__longWork = work;
  const watch = (type: string, into: unknown[]) =>
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) into.push(entry.toJSON());
    }).observe({ type, buffered: true });
  watch('longtask', work.tasks);
  if (work.framesSupported) watch('long-animation-frame', work.frames);
}

export interface PhaseSummary {
  name: string;
  wallMs: number;
  longestMs: number;
  /** The most CPU time one main-thread task took (thread-time.ts): what the page spent, where
   *  `longestMs` also counts the time other processes held the core. Null: not traced. */
  longestCpuMs: number | null;
  over50: number;
  over100: number;
  /** The longest tasks, longest first, each with what ran in it. */
  worst: { startMs: number; durationMs: number; what: string }[];
}

const overlaps = (a: TaskEntry, b: TaskEntry) =>
  a.startTime < b.startTime + b.duration && b.startTime < a.startTime + a.duration;

const fileOf = (url: string) => url.slice(url.lastIndexOf('/') + 1) || '(page)';

/** "12 ms MessagePort.onmessage → index-x.js:fn@3456" for a frame's scripts of 5 ms or more,
 *  then its rendering (style, layout, paint). */
function describeFrame(frame: FrameEntry): string[] {
  const scripts = frame.scripts
    .filter((s) => s.duration >= 5)
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 3)
    .map((s) => {
      const where = `${fileOf(s.sourceURL)}:${s.sourceFunctionName || '?'}@${s.sourceCharPosition}`;
      const forced =
        s.forcedStyleAndLayoutDuration >= 5
          ? ` (forced layout ${s.forcedStyleAndLayoutDuration.toFixed(0)} ms)`
          : '';
      return `${s.duration.toFixed(0)} ms ${s.invokerType} ${s.invoker} → ${where}${forced}`;
    });
  const render = frame.renderStart > 0 ? frame.startTime + frame.duration - frame.renderStart : 0;
  return render >= 5 ? [...scripts, `${render.toFixed(0)} ms rendering`] : scripts;
}

/** The long tasks in [from, to] of `work`, with the frames that overlap each as its cause. */
export function summarizePhase(
  name: string,
  work: LongWork,
  from: number,
  to: number,
  times: readonly TaskTime[] | null,
): PhaseSummary {
  const tasks = work.tasks.filter((t) => t.startTime >= from && t.startTime <= to);
  const worst = [...tasks]
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 5)
    .map((task) => {
      const frames = work.frames.filter((f) => overlaps(f, task));
      const what = frames.flatMap(describeFrame).join('; ');
      const fallback = work.framesSupported
        ? 'no script or rendering over 5 ms seen'
        : 'no attribution (long-animation-frame unsupported)';
      return { startMs: task.startTime - from, durationMs: task.duration, what: what || fallback };
    });
  return {
    name,
    wallMs: to - from,
    longestMs: Math.max(0, ...tasks.map((t) => t.duration)),
    longestCpuMs: times && Math.max(0, ...times.map((t) => t.cpuMs)),
    over50: tasks.filter((t) => t.duration > 50).length,
    over100: tasks.filter((t) => t.duration > 100).length,
    worst,
  };
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

export function printPhase(summary: PhaseSummary): void {
  const cpu = summary.longestCpuMs;
  console.log(
    `${summary.name}: ${(summary.wallMs / 1000).toFixed(1)} s; longest main-thread task ` +
      `${ms(summary.longestMs)}` +
      (cpu === null ? '; ' : ` (the most CPU one task took: ${ms(cpu)}); `) +
      `over 50 ms: ${summary.over50}, over 100 ms: ${summary.over100}`,
  );
  for (const task of summary.worst)
    console.log(`  ${ms(task.durationMs)} at +${(task.startMs / 1000).toFixed(1)} s: ${task.what}`);
}
