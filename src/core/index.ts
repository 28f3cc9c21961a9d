// The public core API (ARCHITECTURE.md): the stable names for code outside this repository and for
// acceptance checks. The studio's own worker and scripts import the core modules they use directly
// (the layer rules, not this file, bound them: test/unit/boundaries.test.ts). The core imports only
// @tensorflow/tfjs: no DOM, React, zustand or idb-keyval, so it runs unchanged in a worker, in Node
// and in Chromium (tsconfig.core.json type-checks it without DOM or Node types).

// Backends
export { type BackendName, selectBackend, startCpuBackend } from './backend/select';
export { type ChestXray14Options, parseChestXray14Csv } from './data/chestxray14';
export {
  applyChestXray14SplitLists,
  resolveChestXray14Images,
} from './data/chestxray14-files';
// Datasets
export { type ChestView, type CheXpertOptions, parseCheXpertCsv } from './data/chexpert';
export { type LabelCount, labelCounts } from './data/counts';
export { type DatasetFromFiles, parseDatasetFiles } from './data/dataset-files';
export { type DatasetFormat, type DetectedFormat, detectDatasetFormat } from './data/detect';
// Feeding and the training loop
export type { Batch, BatchFeed, FeedOptions } from './data/feed';
export { parseFolderPerClass } from './data/folder';
export { type GenericCsvOptions, parseGenericCsv } from './data/generic-csv';
export { CHEST_LABELS, DEFAULT_UNCERTAINTY_POLICY, type UncertaintyPolicy } from './data/labels';
export {
  evaluationBatches,
  type FeedItem,
  type GrayPixels,
  MemoryFeed,
  transformCoefficients,
} from './data/memory-feed';
export {
  MURA_LABELS,
  type MuraOptions,
  parseMuraLabeledStudies,
  parseMuraPaths,
} from './data/mura';
// Demo data: the seeded phantom chest radiographs
export * from './data/phantom';
export {
  type LoadShard,
  type ShardedItem,
  ShardFeed,
} from './data/shard-feed';
export { type SplitFractions, type SplitOptions, splitByPatient } from './data/split';
export { drawSubset, SUBSET_DRAWS, SUBSET_FRACTIONS } from './data/subset';
export type {
  DatasetIndex,
  DatasetItem,
  ParsedDataset,
  ParseProblem,
  SplitName,
} from './data/types';
// DICOM: one file's first frame as display values; compressed syntaxes take host-loaded codecs
export type { Codecs, DecodedFrame, FrameDecoder, FrameInfo } from './dicom/codecs';
export { DicomError } from './dicom/data-set';
export { type DicomImage, readDicom } from './dicom/read-dicom';
// Evaluation
export { type LabelAucSummary, perLabelAuc, type RocCurve, rocAuc, rocCurve } from './eval/auc';
export { buildReport, DEFAULT_COMPARISONS } from './eval/report';
export { type ReportCsv, reportToCsv } from './eval/report-csv';
export { parseRunRecords } from './eval/report-input';
export { reportToMarkdown } from './eval/report-markdown';
export type { EvalReport, ReportOptions, RunRecord } from './eval/report-types';
export {
  benjaminiHochberg,
  mean,
  type Summary,
  sampleStandardDeviation,
  summarize,
} from './eval/stats';
export { type PairedTTestResult, pairedTTest } from './eval/ttest';
export {
  type ChainSpec,
  type DatasetSpec,
  type ExperimentConfig,
  parseExperimentConfig,
} from './experiment/config';
export { type PhantomDemoOptions, phantomDemo } from './experiment/demo-data';
export {
  type ExperimentData,
  runExperiment,
  type StageRunReport,
} from './experiment/experiment';
export { colorizationPreview, type PreviewPixels } from './experiment/preview';
export { runStageSession } from './experiment/stage-session';
export { STAGE_DEFAULTS, type StageSettings } from './experiment/stage-settings';
// Model zoo
export * from './model';
export type { StateDict } from './model/state-dict';
export {
  decodeCheckpoint,
  disposeCheckpoint,
  encodeCheckpoint,
  type StageCheckpoint,
  type StageProgress,
} from './train/checkpoint';
export {
  type RunStageOptions,
  runStage,
  type StageEvent,
  type StageResult,
} from './train/loop';
// Training
export { maskedBceWithLogits } from './train/loss';
export { type LrFinderOptions, type LrFinderResult, runLrFinder } from './train/lr-finder';
export { type LrSuggestions, suggestLearningRates } from './train/lr-suggestions';
// Schedules and stages
export {
  type OneCycleOptions,
  type OneCycleVariant,
  oneCycle,
  oneCycleCurve,
} from './train/one-cycle';
export { Sgd, type SgdHyper } from './train/sgd';
export { applyStage, STAGE_ORDER, STAGES, type StageId, stageProblems } from './train/stages';
export { trainStep } from './train/step';
export { gatherScores, type ValidationControl, validate } from './train/validate';
export { createRandom, deriveSeed, type Random } from './util/random';
// Weights
export { type ExportOptions, exportModule, type ModuleExport } from './weights/export';
export { WeightsFileError } from './weights/file-error';
export {
  IMAGENET_SOURCES,
  type ImageNetLoadSummary,
  type ImageNetSource,
  loadImageNetBackbone,
  type PretrainedStatus,
} from './weights/imagenet';
export { type ImportOptions, type ImportSummary, importModuleFile } from './weights/import-module';
export {
  CARD_METADATA_KEY,
  type ExportScope,
  type ModelCard,
  type ModelCardInput,
  parseModelCard,
} from './weights/model-card';
export { normalizeCheckpointNames, splitImageNetHead } from './weights/names';
export { readSafetensors, writeSafetensors } from './weights/safetensors';
export { readTorchCheckpoint } from './weights/torch-checkpoint';
export { readWeightsFile, sniffWeightsFormat, type WeightsFormat } from './weights/weights-file';
