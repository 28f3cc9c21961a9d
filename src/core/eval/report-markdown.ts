// The report as Markdown, laid out like the paper's Tables I–III, Fig. 6 and its p-values (the
// cells come from report-rows.ts, which the studio's Results view prints too). Pure core: strings
// only, no DOM, so the runner and the UI print the same text.

import { REPORT_INTRO, reportSections } from './report-rows';
import type { EvalReport } from './report-types';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The whole report, one section per non-empty table; AUC ×100, mean ± sample sd over runs. */
export function reportToMarkdown(report: EvalReport): string {
  const sections = reportSections(report).flatMap(({ heading, header, rows }) => [
    `## ${heading}`,
    markdownTable(header, rows),
  ]);
  return [REPORT_INTRO, ...sections].join('\n\n');
}
