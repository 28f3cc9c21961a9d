// The drop benchmark's page (test/bench/drop-main-thread.ts): builds a CheXpert-sized dropped
// folder in memory, then does what the studio's page does on a drop (the file list handed to the
// ingestion worker in chunks, which detects the format; then its `index` request) while a
// PerformanceObserver records the main thread's long tasks. Exposed as window.dropHarness.
import type { WalkedFile } from '../../../src/platform/walk-folder';
import { IngestClient } from '../../../src/worker/ingest-client';
import { CHEXPERT_ROOT, generateCheXpertCsv } from '../../helpers/chexpert-drop';

/** Chromium's non-standard heap figures (absent elsewhere). */
interface MemoryInfo {
  usedJSHeapSize: number;
  totalJSHeapSize: number;
  jsHeapSizeLimit: number;
}

export interface DropRun {
  rows: number;
  /** Files in the built drop: train.csv plus one per distinct listed image (a folder holds each
   *  path once; the generated CSV lists some paths twice). */
  files: number;
  /** Building the CSV text and the File objects: the browser's own drop, not the page's code. */
  buildMs: number;
  /** From the drop to the worker's 'scanned' answer: the chunked hand-over and its detection. */
  detectMs: number;
  detectedFormat: string;
  /** The synchronous part of IngestClient.index (a small message now: the drop's id). */
  sendMs: number;
  /** From the drop to the parsed index's summary. */
  wallMs: number;
  images: number;
  missing: number;
  problems: number;
  /** Every main-thread task over 50 ms from the drop on: start (ms after the drop) and duration. */
  longTasks: { startMs: number; durationMs: number }[];
  longestTaskMs: number;
  memory: MemoryInfo | null;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

// Started with the page, as the studio starts its worker long before a drop.
const client = IngestClient.start();

/** The walked files of a CheXpert-sized drop: `drop/<root>/train.csv` and an empty file per image. */
function buildDrop(rows: number): WalkedFile[] {
  const { text, paths } = generateCheXpertCsv(rows);
  const files: WalkedFile[] = [
    {
      path: `drop/${CHEXPERT_ROOT}/train.csv`,
      file: new File([text], 'train.csv', { type: 'text/csv' }),
    },
  ];
  for (const path of new Set(paths)) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    files.push({ path: `drop/${path}`, file: new File([], name, { type: 'image/jpeg' }) });
  }
  return files;
}

/** A 20-row drop indexed first, so the measured run finds the worker's code loaded. */
async function warmUp(): Promise<void> {
  const held = await client.drop(buildDrop(20));
  await client.index(held.dropId, 'bench-warm-up', CHEXPERT_ROOT, held.detected);
}

async function run(rows: number): Promise<DropRun> {
  await warmUp();
  const built = performance.now();
  const files = buildDrop(rows);
  const buildMs = performance.now() - built;
  await nextTask(); // the drop's building ends its own task, outside what is measured

  const longTasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask', buffered: true });
  await nextTask();

  // What the studio's page does on a drop: hand the files to the worker (in chunks, one task
  // each; the worker detects the format), then ask it to parse the labels.
  const dropped = performance.now();
  const held = await client.drop(files);
  const detectMs = performance.now() - dropped;
  const detected = held.detected;
  const sent = performance.now();
  const answer = client.index(held.dropId, 'bench-key', CHEXPERT_ROOT, detected);
  const sendMs = performance.now() - sent;
  const summary = await answer;
  const wallMs = performance.now() - dropped;

  // Lets the observer deliver the last entries (those of the task that received the answer).
  await new Promise((resolve) => setTimeout(resolve, 200));
  longTasks.push(...observer.takeRecords());
  observer.disconnect();

  const measured = longTasks
    .filter((t) => t.startTime + t.duration >= dropped)
    .map((t) => ({ startMs: t.startTime - dropped, durationMs: t.duration }));
  const memory = (performance as Performance & { memory?: MemoryInfo }).memory;
  return {
    rows,
    files: files.length,
    buildMs,
    detectMs,
    detectedFormat: detected.format,
    sendMs,
    wallMs,
    images: summary.images,
    missing: summary.missing,
    problems: summary.problems,
    longTasks: measured,
    longestTaskMs: Math.max(0, ...measured.map((t) => t.durationMs)),
    memory: memory
      ? {
          usedJSHeapSize: memory.usedJSHeapSize,
          totalJSHeapSize: memory.totalJSHeapSize,
          jsHeapSizeLimit: memory.jsHeapSizeLimit,
        }
      : null,
  };
}

const dropHarness = { run };
Object.assign(window, { dropHarness });
(document.getElementById('status') as HTMLElement).textContent = 'ready';

export type DropHarness = typeof dropHarness;
