// Phantom dataset types and finding names. Pure core: types and constants only, importable anywhere.

import type { ChestView } from '../chexpert';
import type { SplitName } from '../types';

/** The five findings the phantom draws, spelled as CheXpert's columns (CHEST_LABELS order). */
export type Finding =
  | 'Atelectasis'
  | 'Cardiomegaly'
  | 'Consolidation'
  | 'Edema'
  | 'Pleural Effusion';

export const FINDINGS: readonly Finding[] = [
  'Atelectasis',
  'Cardiomegaly',
  'Consolidation',
  'Edema',
  'Pleural Effusion',
];

/**
 * Which dataset a phantom imitates: its file layout and CSV, and its scanner (intensity response,
 * noise, image shape), so that moving from one site to the other is a real domain shift.
 */
export type PhantomSite = 'chexpert' | 'chestxray14';

/** A label as written in the CSV: 1.0, 0.0, -1.0 (uncertain) or empty (not mentioned). */
export type LabelCell = 1 | 0 | -1 | null;

/** Present findings → severity in (0, 1]; an absent finding has no key. */
export type FindingSeverities = Partial<Record<Finding, number>>;

/** Independent seeds, so a patient looks alike in every study and a study in every view. */
export interface PhantomSeeds {
  /** Body habitus and normal anatomy. */
  patient: number;
  /** Where this study's findings sit (side, lobe) and the volume loss they cause. */
  study: number;
  /** Acquisition: exposure, positioning, noise. */
  image: number;
}

/** One image of a phantom dataset: everything needed to write its CSV row and render it. */
export interface PhantomRecord {
  site: PhantomSite;
  /** `patient00001` (CheXpert) or `1` (ChestX-ray14), as the site's parser reads it. */
  patientId: string;
  /** 1-based patient, study and view numbers; ChestX-ray14's follow-up number is `study - 1`. */
  patient: number;
  study: number;
  viewNumber: number;
  view: ChestView;
  /** 'AP' or 'PA' for frontal views, 'LL' for laterals. */
  projection: 'AP' | 'PA' | 'LL';
  sex: 'Male' | 'Female';
  age: number;
  /** CheXpert: 'train' or 'valid' (valid.csv); ChestX-ray14: 'train' or 'test' (the split lists). */
  split: SplitName;
  /** Image path relative to the dataset root, with a `.png` extension. */
  path: string;
  width: number;
  height: number;
  /** The truth: what is drawn. */
  findings: FindingSeverities;
  /** The annotation: what the CSV says (an uncertain label may hide either truth). */
  labels: Record<Finding, LabelCell>;
  seeds: PhantomSeeds;
}
