// The dataset index shared by every format adapter. Types only, so any layer may import it.

/** The three sides of a patient-level split. */
export type SplitName = 'train' | 'valid' | 'test';

/** One image with its training targets. Arrays are parallel to `DatasetIndex.labels`. */
export interface DatasetItem {
  /** Path of the image relative to the dropped folder (or as written in the dataset's CSV). */
  path: string;
  /** Groups images for patient-level splits; never split across train/valid/test. */
  patientId: string;
  /** Training target per label after the uncertainty policy: 1 positive, 0 negative. */
  target: number[];
  /** Per label: 1 = use this target in the loss and metrics, 0 = ignored (U-Ignore). */
  mask: number[];
  /** 'frontal' or 'lateral' for the chest sets. */
  view?: string;
  /** Identifies the study (several images of one examination); unique across the dataset. */
  study?: string;
  split?: SplitName;
  /**
   * The annotation as written, per label, before the uncertainty policy: 1, 0, -1 (uncertain) or
   * NaN (not mentioned). Only formats that have uncertain labels (CheXpert) set it; `labelCounts`
   * needs it to count uncertain and unmentioned labels, which the policy has already folded away.
   */
  raw?: number[];
  /** Acquisition projection when the dataset records it: 'PA', 'AP', 'LL', ... */
  projection?: string;
  /** MURA's body part, e.g. 'SHOULDER'. */
  bodyPart?: string;
}

export interface DatasetIndex {
  labels: string[];
  items: DatasetItem[];
}

/** A row or file that was skipped; the rest of the dataset still loads. */
export interface ParseProblem {
  /** 1-based line in the CSV (the header is line 1), or 1-based position in a list of paths. */
  row: number;
  message: string;
}

/** What the parsers return: the index plus the rows they had to skip, for the user to see. */
export interface ParsedDataset extends DatasetIndex {
  problems: ParseProblem[];
  /** What a single binary label's 0 means, when classes were named ("NORMAL"). */
  negativeClass?: string;
}
