// The one door from ui/ and state/ into core values: only pure-TS core modules that import no
// tfjs values (the stage table, format detection, label parsing and counts), so the page bundle
// never loads tfjs.
export { labelCounts } from '../core/data/counts';
export { parseDatasetFiles } from '../core/data/dataset-files';
export { detectDatasetFormat } from '../core/data/detect';
export { STAGE_ORDER, STAGES, stageProblems } from '../core/train/stages';
