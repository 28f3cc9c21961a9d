// The Results view's data: one experiment's stage runs, the report the headless runner would
// write for them (core/eval through pure-core.ts), and the report's files as the runner writes
// them (scripts/experiment/cli.ts, writeReports). Pure functions (tested in Node).
import type { RunHistoryEntry } from '../worker/protocol';
import { experimentEntries } from './history';
import {
  buildReport,
  type EvalReport,
  type ReportCsv,
  type RunRecord,
  reportToCsv,
  reportToMarkdown,
} from './pure-core';

export interface ExperimentResults {
  /** The experiment's stage runs in plan order. */
  runs: RunHistoryEntry[];
  /** Null when there are no runs or the report could not be built (`error` says why). */
  report: EvalReport | null;
  error: string | null;
}

/** The report over `experimentId`'s stored runs; a record set the report refuses (two runs of one
 *  procedure with the same seed) comes back as an error to show, not a crash. */
export function resultsOf(
  entries: readonly RunHistoryEntry[],
  experimentId: string | null,
): ExperimentResults {
  const runs = experimentEntries(entries, experimentId);
  if (runs.length === 0) return { runs, report: null, error: null };
  try {
    return { runs, report: buildReport(recordsOf(runs)), error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { runs, report: null, error: `The report cannot be built: ${message}` };
  }
}

export const recordsOf = (runs: readonly RunHistoryEntry[]): RunRecord[] =>
  runs.map((run) => run.report.record);

export type ReportFileName = 'report.json' | 'report.md' | `${keyof ReportCsv}.csv`;

export interface ReportFile {
  name: ReportFileName;
  /** MIME type of the download. */
  type: string;
  text: string;
}

/** The runner's report files for `report`, under the runner's names, with the very same text. */
export function reportFiles(report: EvalReport): ReportFile[] {
  const csv = Object.entries(reportToCsv(report)).map(([table, text]) => ({
    name: `${table as keyof ReportCsv}.csv` as const,
    type: 'text/csv',
    text,
  }));
  return [
    { name: 'report.json', type: 'application/json', text: JSON.stringify(report, null, 2) },
    { name: 'report.md', type: 'text/markdown', text: reportToMarkdown(report) },
    ...csv,
  ];
}
