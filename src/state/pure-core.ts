// The one door from ui/ and state/ into core values: only pure-TS core modules that import no
// tfjs values (the stage table and defaults, format detection, the report builders and their
// number formats), so the page bundle never loads tfjs. Label parsing and counting happen in the
// ingestion worker.

export { describeAccounting } from '../core/data/accounting';
export { describeLabelCounts } from '../core/data/counts';
export { detectDatasetFormat } from '../core/data/detect';
export { DEFAULT_SPLIT } from '../core/data/split';
export type { RocPoints } from '../core/eval/auc';
export {
  displayName,
  formatAuc,
  formatFraction,
  formatMeanSd,
  formatPValue,
  variantLabel,
} from '../core/eval/format';
export { buildReport } from '../core/eval/report';
export { type ReportCsv, reportToCsv } from '../core/eval/report-csv';
export { reportToMarkdown } from '../core/eval/report-markdown';
export { REPORT_INTRO, type ReportSection, reportSections } from '../core/eval/report-rows';
export type {
  Comparison,
  CurveSeries,
  EvalReport,
  RunRecord,
  Variant,
} from '../core/eval/report-types';
export { parseExperimentConfig } from '../core/experiment/config';
export { STAGE_DEFAULTS } from '../core/experiment/stage-settings';
export { COLORIZER_NAMES } from '../core/model/kinds';
export { previousStageAfter, STAGE_ORDER, STAGES, stageProblems } from '../core/train/stages';
