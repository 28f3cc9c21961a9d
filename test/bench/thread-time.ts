// The CPU time of the page's main-thread tasks, from Chromium's trace ('toplevel' RunTask events
// carry their thread time, tdur): a long task's wall time includes the time the OS gave the core
// to other processes, so on a shared machine the CPU time tells what the page itself spent. The
// trace is taken in slices (stopped, read and started again), so a stage of minutes never holds
// the whole trace of every Chromium process in memory.
import type { Browser, Page } from 'playwright-core';

/** A main-thread task: wall and CPU ms. */
export interface TaskTime {
  wallMs: number;
  cpuMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Tasks under this wall time are dropped at once: only the long ones are reported. */
const KEPT_OVER_MS = 20;
/** Seconds of trace held at most before it is read. */
const SLICE_MS = 20_000;

function mainThreadTasks(trace: Buffer): TaskTime[] {
  const { traceEvents } = JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] };
  const main = new Set(
    traceEvents
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  return traceEvents
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask' && main.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }))
    .filter((t) => t.wallMs > KEPT_OVER_MS);
}

/** Traces `page`'s main thread while `act` runs; its long tasks' wall and CPU times. */
export async function traceMainThread(
  browser: Browser,
  page: Page,
  act: () => Promise<void>,
): Promise<TaskTime[]> {
  const tasks: TaskTime[] = [];
  const start = () => browser.startTracing(page, { categories: ['toplevel'] });
  const read = async () => tasks.push(...mainThreadTasks(await browser.stopTracing()));
  await start();
  // One slice at a time: a slice that is being read is started again before the next is read.
  let slicing = Promise.resolve();
  const timer = setInterval(() => {
    slicing = slicing.then(read).then(start);
  }, SLICE_MS);
  try {
    await act();
  } finally {
    clearInterval(timer);
    await slicing;
    await read();
  }
  return tasks;
}
