// The phantom generator's public surface: seeded synthetic chest radiographs and their dataset
// files. Pure core (no DOM, no Node, no tfjs), so the studio's worker and Node scripts share it.

export { SITE_PROFILES, type SiteProfile } from './acquisition';
export { CHESTXRAY14_HEADER, chestXray14Row, findingLabels, imageIndex } from './chestxray14-csv';
export { CHEXPERT_COLUMNS, CHEXPERT_HEADER, CHEXPERT_ROOT, cheXpertRow } from './chexpert-csv';
export {
  DEFAULT_PREVALENCE,
  generatePhantomDataset,
  type PhantomDatasetOptions,
} from './dataset';
export {
  type PhantomLayout,
  type PhantomTextFile,
  type PhantomTextLine,
  phantomLayout,
  phantomTextFiles,
} from './files';
export {
  type GrayImage8,
  type GrayImage16,
  type PhantomValues,
  type RenderOptions,
  renderPhantom,
  renderPhantom16,
  renderPhantomValues,
} from './render';
export * from './types';
