// The one door from ui/ and state/ into core values: only pure-TS core modules that import no
// tfjs values (the stage table and defaults, format detection), so the page bundle never loads
// tfjs. Label parsing and counting happen in the ingestion worker.
export { detectDatasetFormat } from '../core/data/detect';
export { STAGE_DEFAULTS } from '../core/experiment/stage-settings';
export { previousStageAfter, STAGE_ORDER, STAGES, stageProblems } from '../core/train/stages';
