// The report's tables as headed rows of printed cells, laid out like the paper's Tables I–III,
// Fig. 6 and its p-values. Shared by the Markdown writer and the studio's Results view, so both
// print the same cells. Pure core: strings only, no DOM.

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

/** One table of the report; ids match the CSV files' names (report-csv.ts). */
export interface ReportSection {
  id: 'tableI' | 'tableII' | 'tableIII' | 'dataSize' | 'comparisons';
  heading: string;
  header: string[];
  rows: string[][];
}

/** What every cell of the report means. */
export const REPORT_INTRO = 'AUC ×100, mean ± sample standard deviation (ddof = 1) over runs.';

type Table = Pick<ReportSection, 'header' | 'rows'>;

function tableI(table: ProcedureTable): Table {
  const header = ['Colorization Module', 'Learning Strategy', ...table.backbones.map(displayName)];
  const rows = table.rows.map((row) => [
    displayName(row.variant.colorizer),
    row.variant.procedure,
    ...row.cells.map(formatMeanSd),
  ]);
  return { header, rows };
}

function tableII(report: EvalReport): Table {
  const { labels, rows } = report.tableII;
  const header = ['Backbone', 'Colorization Module', 'Learning Strategy', ...labels];
  const body = rows.map((row) => [
    displayName(row.backbone),
    displayName(row.variant.colorizer),
    row.variant.procedure,
    ...row.cells.map(formatMeanSd),
  ]);
  return { header, rows: body };
}

function tableIII(blocks: readonly ProcedureTable[]): Table {
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
  return { header: [...header, ...backbones.map(displayName)], rows };
}

/** "74.7 ± 0.5 [74.2–75.2]": the spread across subset draws, as Fig. 6 draws it. */
function dataSizeCell(summary: Summary): string {
  const range = summary.n > 1 ? ` [${formatAuc(summary.min)}–${formatAuc(summary.max)}]` : '';
  return `${formatMeanSd(summary)}${range}`;
}

function dataSizeTable(curves: readonly CurveSeries[]): Table {
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
  return { header: [...header, ...fractions.map(formatFraction)], rows };
}

/** One row per comparison, in the report's order. */
function comparisonsTable(comparisons: readonly Comparison[]): Table {
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
  return { header: [...header, 't', 'p', 'BH p', 'Significant'], rows };
}

/** The report's non-empty tables, in the paper's order. */
export function reportSections(report: EvalReport): ReportSection[] {
  const dataset = displayName(report.primaryDataset);
  const tested = report.comparisons.filter((c) => !Number.isNaN(c.adjustedP)).length;
  const sections: [ReportSection['id'], string, boolean, () => Table][] = [
    [
      'tableI',
      `Table I: mean AUC on ${dataset}`,
      report.tableI.rows.length > 0,
      () => tableI(report.tableI),
    ],
    [
      'tableII',
      `Table II: AUC per label on ${dataset}`,
      report.tableII.rows.length > 0,
      () => tableII(report),
    ],
    [
      'tableIII',
      'Table III: mean AUC across datasets',
      report.tableIII.length > 0,
      () => tableIII(report.tableIII),
    ],
    [
      'dataSize',
      'Fig. 6: mean AUC against training-set size (with [min–max] over draws)',
      report.dataSizeCurves.length > 0,
      () => dataSizeTable(report.dataSizeCurves),
    ],
    [
      'comparisons',
      `Comparisons: paired t-test (two-sided, df = pairs − 1); Benjamini–Hochberg over ${tested} ` +
        `tests, significant when BH p < ${report.alpha}`,
      report.comparisons.length > 0,
      () => comparisonsTable(report.comparisons),
    ],
  ];
  return sections
    .filter(([, , present]) => present)
    .map(([id, heading, , table]) => ({ id, heading, ...table() }));
}
