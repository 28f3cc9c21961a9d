// The report as Markdown, laid out like the paper's Tables I–III, Fig. 6 and its p-values.
// Pure core: strings only, no DOM, so the runner and the UI print the same text.

import {
  displayName,
  formatAuc,
  formatAucDifference,
  formatFraction,
  formatMeanSd,
  formatPValue,
  formatTestP,
  formatTStatistic,
  variantLabel,
} from './format';
import type { Comparison, CurveSeries, EvalReport, ProcedureTable } from './report-types';
import type { Summary } from './stats';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function tableI(table: ProcedureTable): string {
  const header = ['Colorization Module', 'Learning Strategy', ...table.backbones.map(displayName)];
  const rows = table.rows.map((row) => [
    displayName(row.variant.colorizer),
    row.variant.procedure,
    ...row.cells.map(formatMeanSd),
  ]);
  return markdownTable(header, rows);
}

function tableII(report: EvalReport): string {
  const { labels, rows } = report.tableII;
  const header = ['Backbone', 'Colorization Module', 'Learning Strategy', ...labels];
  const body = rows.map((row) => [
    displayName(row.backbone),
    displayName(row.variant.colorizer),
    row.variant.procedure,
    ...row.cells.map(formatMeanSd),
  ]);
  return markdownTable(header, body);
}

function tableIII(blocks: readonly ProcedureTable[]): string {
  const backbones = [...new Set(blocks.flatMap((block) => block.backbones))];
  const header = ['Dataset', 'Colorization Module', 'Transferred From', 'Learning Strategy'];
  const rows = blocks.flatMap((block) =>
    block.rows.map((row) => [
      displayName(block.dataset),
      displayName(row.variant.colorizer),
      displayName(row.variant.trainSource),
      row.variant.procedure,
      ...backbones.map((backbone) => {
        const cell = row.cells[block.backbones.indexOf(backbone)];
        return cell === undefined ? '—' : formatMeanSd(cell);
      }),
    ]),
  );
  return markdownTable([...header, ...backbones.map(displayName)], rows);
}

/** "74.7 ± 0.5 [74.2–75.2]": the spread across subset draws, as Fig. 6 draws it. */
function dataSizeCell(summary: Summary): string {
  const range = summary.n > 1 ? ` [${formatAuc(summary.min)}–${formatAuc(summary.max)}]` : '';
  return `${formatMeanSd(summary)}${range}`;
}

function dataSizeTable(curves: readonly CurveSeries[]): string {
  const fractions = [...new Set(curves.flatMap((s) => s.points.map((p) => p.subsetFraction)))];
  fractions.sort((a, b) => a - b);
  const header = ['Dataset', 'Backbone', 'Colorization Module', 'Learning Strategy'];
  const rows = curves.map((series) => [
    displayName(series.dataset),
    displayName(series.backbone),
    displayName(series.variant.colorizer),
    series.variant.procedure,
    ...fractions.map((fraction) => {
      const point = series.points.find((p) => p.subsetFraction === fraction);
      return point === undefined ? '—' : dataSizeCell(point.summary);
    }),
  ]);
  return markdownTable([...header, ...fractions.map(formatFraction)], rows);
}

function comparisonsTable(comparisons: readonly Comparison[]): string {
  const header = ['Dataset', 'Backbone', 'Training Set', 'Comparison', 'Pairs', 'Mean Difference'];
  const rows = comparisons.map((c) => [
    displayName(c.dataset),
    displayName(c.backbone),
    formatFraction(c.subsetFraction),
    `${variantLabel(c.treatment)} vs ${variantLabel(c.control)}`,
    String(c.test.n),
    formatAucDifference(c.test.meanDifference),
    formatTStatistic(c.test.t),
    formatTestP(c.test),
    formatPValue(c.adjustedP),
    Number.isNaN(c.adjustedP) ? 'n/a' : c.significant ? 'yes' : 'no',
  ]);
  return markdownTable([...header, 't', 'p', 'BH p', 'Significant'], rows);
}

/** The whole report, one section per non-empty table; AUC ×100, mean ± sample sd over runs. */
export function reportToMarkdown(report: EvalReport): string {
  const dataset = displayName(report.primaryDataset);
  const tested = report.comparisons.filter((c) => !Number.isNaN(c.adjustedP)).length;
  const sections: [heading: string, present: boolean, body: () => string][] = [
    [`Table I: mean AUC on ${dataset}`, report.tableI.rows.length > 0, () => tableI(report.tableI)],
    [
      `Table II: AUC per label on ${dataset}`,
      report.tableII.rows.length > 0,
      () => tableII(report),
    ],
    [
      'Table III: mean AUC across datasets',
      report.tableIII.length > 0,
      () => tableIII(report.tableIII),
    ],
    [
      'Fig. 6: mean AUC against training-set size (with [min–max] over draws)',
      report.dataSizeCurves.length > 0,
      () => dataSizeTable(report.dataSizeCurves),
    ],
    [
      `Comparisons: paired t-test (two-sided, df = pairs − 1); Benjamini–Hochberg over ${tested} ` +
        `tests, significant when BH p < ${report.alpha}`,
      report.comparisons.length > 0,
      () => comparisonsTable(report.comparisons),
    ],
  ];
  const intro = 'AUC ×100, mean ± sample standard deviation (ddof = 1) over runs.';
  const shown = sections.filter(([, present]) => present);
  return [intro, ...shown.flatMap(([heading, , body]) => [`## ${heading}`, body()])].join('\n\n');
}
