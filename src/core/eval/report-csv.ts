// The report as CSV strings, one per table, in long format with raw AUCs in [0, 1] at full
// precision (for pandas or a spreadsheet). Pure core: strings only.

import type { EvalReport, Variant } from './report-types';
import type { Summary } from './stats';

/** One CSV document per table of the report. */
export interface ReportCsv {
  tableI: string;
  tableII: string;
  tableIII: string;
  dataSize: string;
  comparisons: string;
}

type CsvValue = string | number | boolean | undefined;

const VARIANT_COLUMNS = ['procedure', 'colorizer', 'train_source'];
const SUMMARY_COLUMNS = ['n', 'undefined_runs', 'mean', 'sd', 'min', 'max'];

/** Undefined and NaN become empty cells; infinities are spelled as pandas reads them. */
function csvCell(value: CsvValue): string {
  if (value === undefined || (typeof value === 'number' && Number.isNaN(value))) return '';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n');
}

function variantValues(variant: Variant): CsvValue[] {
  return [variant.procedure, variant.colorizer, variant.trainSource];
}

function summaryValues(summary: Summary): CsvValue[] {
  return [summary.n, summary.undefinedCount, summary.mean, summary.sd, summary.min, summary.max];
}

function procedureCsv(tables: EvalReport['tableIII']): string {
  const rows = tables.flatMap((table) =>
    table.rows.flatMap((row) =>
      table.backbones.map((backbone, i) => [
        table.dataset,
        backbone,
        ...variantValues(row.variant),
        ...summaryValues(row.cells[i] as Summary),
      ]),
    ),
  );
  return csv(['dataset', 'backbone', ...VARIANT_COLUMNS, ...SUMMARY_COLUMNS], rows);
}

function labelCsv(report: EvalReport): string {
  const { dataset, labels, rows } = report.tableII;
  const body = rows.flatMap((row) =>
    labels.map((label, i) => [
      dataset,
      row.backbone,
      ...variantValues(row.variant),
      label,
      ...summaryValues(row.cells[i] as Summary),
    ]),
  );
  return csv(['dataset', 'backbone', ...VARIANT_COLUMNS, 'label', ...SUMMARY_COLUMNS], body);
}

function dataSizeCsv(report: EvalReport): string {
  const rows = report.dataSizeCurves.flatMap((series) =>
    series.points.map((point) => [
      series.dataset,
      series.backbone,
      ...variantValues(series.variant),
      point.subsetFraction,
      ...summaryValues(point.summary),
    ]),
  );
  const header = ['dataset', 'backbone', ...VARIANT_COLUMNS, 'subset_fraction', ...SUMMARY_COLUMNS];
  return csv(header, rows);
}

function comparisonsCsv(report: EvalReport): string {
  const prefixed = (prefix: string) => VARIANT_COLUMNS.map((column) => `${prefix}_${column}`);
  const header = ['dataset', 'backbone', 'subset_fraction', ...prefixed('treatment')];
  const testColumns = ['status', 'pairs', 'unpaired_runs', 'mean_difference', 'sd_difference'];
  const rows = report.comparisons.map((c) => [
    c.dataset,
    c.backbone,
    c.subsetFraction,
    ...variantValues(c.treatment),
    ...variantValues(c.control),
    c.test.status,
    c.test.n,
    c.unpairedRuns,
    c.test.meanDifference,
    c.test.sdDifference,
    c.test.t,
    c.test.df,
    c.test.p,
    c.adjustedP,
    c.significant,
  ]);
  const tail = ['t', 'df', 'p', 'adjusted_p', 'significant'];
  return csv([...header, ...prefixed('control'), ...testColumns, ...tail], rows);
}

export function reportToCsv(report: EvalReport): ReportCsv {
  return {
    tableI: procedureCsv([report.tableI]),
    tableII: labelCsv(report),
    tableIII: procedureCsv(report.tableIII),
    dataSize: dataSizeCsv(report),
    comparisons: comparisonsCsv(report),
  };
}
