// The built-in demo data: seeded phantom chest radiographs written as CheXpert rows and read back
// through the real CheXpert parser (paper's uncertainty policies), then split by patient. Pure core.
import { parseCheXpertCsv } from '../data/chexpert';
import type { GrayPixels } from '../data/memory-feed';
import {
  CHEXPERT_HEADER,
  cheXpertRow,
  generatePhantomDataset,
  renderPhantom,
} from '../data/phantom';
import type { PhantomRecord } from '../data/phantom/types';
import { DEFAULT_SPLIT, splitByPatient } from '../data/split';
import type { DatasetIndex } from '../data/types';
import { deriveSeed } from '../util/random';

export interface PhantomDemoOptions {
  patients: number;
  /** Rendered width in pixels (heights vary up to 1.25×, as CheXpert's). */
  imageSize: number;
  seed: number;
  /** Share of patients per side. Default DEFAULT_SPLIT's. */
  fractions?: { train: number; valid: number; test: number };
}

/** The phantom unsplit (every item's side undefined), for callers that split it themselves (the
 *  runner applies its config's split). Frontal views only: the findings are drawn on frontal
 *  projections. */
export function phantomDataset(options: Omit<PhantomDemoOptions, 'fractions'>): {
  index: DatasetIndex;
  images: Map<string, GrayPixels>;
} {
  const records: PhantomRecord[] = [
    ...generatePhantomDataset({
      seed: options.seed,
      patients: options.patients,
      site: 'chexpert',
      size: options.imageSize,
      lateralRate: 0,
    }),
  ];
  const csv = [CHEXPERT_HEADER, ...records.map(cheXpertRow)].join('\n');
  const parsed = parseCheXpertCsv(csv);
  const index = {
    labels: parsed.labels,
    items: parsed.items.map((item) => ({ ...item, split: undefined })),
  };
  const images = new Map(records.map((r) => [r.path, renderPhantom(r)]));
  return { index, images };
}

/** The studio's demo: the phantom split by patient (DEFAULT_SPLIT's shares unless told otherwise,
 *  drawn with a seed of the phantom's own). */
export function phantomDemo(options: PhantomDemoOptions): {
  index: DatasetIndex;
  images: Map<string, GrayPixels>;
} {
  const { index, images } = phantomDataset(options);
  const split = splitByPatient(index, {
    fractions: options.fractions ?? DEFAULT_SPLIT,
    seed: deriveSeed(options.seed, 'demo-split'),
  });
  return { index: split, images };
}
