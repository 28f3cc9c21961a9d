// Phantom dataset records: patients, studies, views, findings and their labels, generated lazily.
// Pure core: seeded draws only (util/random); rendering and file writing are separate steps.

import { createRandom, deriveSeed, type Random } from '../../util/random';
import type { ChestView } from '../chexpert';
import type { SplitName } from '../types';
import {
  FINDINGS,
  type Finding,
  type FindingSeverities,
  type LabelCell,
  type PhantomRecord,
  type PhantomSite,
} from './types';

export interface PhantomDatasetOptions {
  seed: number;
  patients: number;
  site: PhantomSite;
  /** Studies per patient, inclusive range. Default [1, 4]. */
  studiesPerPatient?: readonly [number, number];
  /** Images per study, inclusive range (CheXpert; ChestX-ray14 has one per follow-up). Default [1, 2]. */
  imagesPerStudy?: readonly [number, number];
  /** Chance that an image after a study's first is a lateral view (CheXpert only). Default 0.7. */
  lateralRate?: number;
  /** Image width; CheXpert heights vary from 1 to 1.25 times it, ChestX-ray14 is square. Default 256. */
  size?: number;
  /** Share of images showing each finding; missing findings take the site's default. */
  prevalence?: Partial<Record<Finding, number>>;
  /** Share of CheXpert training label cells written uncertain (-1.0). Default 0.1. */
  uncertainRate?: number;
  /** Share of patients held out: CheXpert's valid.csv, ChestX-ray14's test_list.txt. Default 0.1. */
  holdoutFraction?: number;
}

/** Roughly the real datasets' label frequencies (CheXpert train; NIH Data_Entry_2017). */
export const DEFAULT_PREVALENCE: Readonly<Record<PhantomSite, Readonly<Record<Finding, number>>>> =
  {
    chexpert: {
      Atelectasis: 0.15,
      Cardiomegaly: 0.12,
      Consolidation: 0.07,
      Edema: 0.24,
      'Pleural Effusion': 0.39,
    },
    chestxray14: {
      Atelectasis: 0.1,
      Cardiomegaly: 0.025,
      Consolidation: 0.04,
      Edema: 0.02,
      'Pleural Effusion': 0.12,
    },
  };

/**
 * Chance that a finding carries over to a patient's next study: chronic ones (an enlarged heart)
 * persist, acute ones (consolidation) come and go. The chain keeps each finding's per-image
 * share at the requested prevalence.
 */
const PERSISTENCE: Readonly<Record<Finding, number>> = {
  Atelectasis: 0.5,
  Cardiomegaly: 0.9,
  Consolidation: 0.35,
  Edema: 0.5,
  'Pleural Effusion': 0.6,
};

/** Share of CheXpert's not-uncertain negatives written as an explicit 0.0 rather than empty. */
const EXPLICIT_NEGATIVE_RATE = 0.15;

type Config = Required<PhantomDatasetOptions> & { prevalence: Record<Finding, number> };

function resolveOptions(options: PhantomDatasetOptions): Config {
  const config: Config = {
    studiesPerPatient: [1, 4],
    imagesPerStudy: [1, 2],
    lateralRate: 0.7,
    size: 256,
    uncertainRate: 0.1,
    holdoutFraction: 0.1,
    ...options,
    prevalence: { ...DEFAULT_PREVALENCE[options.site], ...options.prevalence },
  };
  const problem = findProblem(config);
  if (problem) throw new Error(`generatePhantomDataset: ${problem}`);
  return config;
}

/** Says what is wrong with the options, so a bad call fails loudly instead of yielding nonsense. */
function findProblem(config: Config): string | undefined {
  const isRange = ([low, high]: readonly [number, number]) =>
    Number.isInteger(low) && Number.isInteger(high) && low >= 1 && low <= high;
  const shares = {
    ...config.prevalence,
    lateralRate: config.lateralRate,
    uncertainRate: config.uncertainRate,
    holdoutFraction: config.holdoutFraction,
  };
  const badShare = Object.entries(shares).find(([, value]) => !(value >= 0 && value <= 1));
  if (!Number.isInteger(config.patients) || config.patients < 0)
    return 'patients must be a whole number';
  if (!isRange(config.studiesPerPatient))
    return 'studiesPerPatient must be [min, max] with 1 <= min <= max';
  if (!isRange(config.imagesPerStudy))
    return 'imagesPerStudy must be [min, max] with 1 <= min <= max';
  if (!Number.isInteger(config.size) || config.size < 8)
    return 'size must be a whole number of at least 8 pixels';
  return badShare ? `${badShare[0]} must be between 0 and 1, not ${badShare[1]}` : undefined;
}

/**
 * Yields every image of the dataset, patient by patient. Lazy: a million-image dataset never sits
 * in memory. Each patient draws from its own seed, so patient n is the same whatever `patients` is.
 */
export function generatePhantomDataset(options: PhantomDatasetOptions): Generator<PhantomRecord> {
  return allRecords(resolveOptions(options)); // resolved here: bad options throw now, not at next()
}

function* allRecords(config: Config): Generator<PhantomRecord> {
  for (let patient = 1; patient <= config.patients; patient++) {
    yield* patientRecords(config, patient);
  }
}

interface Patient {
  number: number;
  id: string;
  seed: number;
  sex: 'Male' | 'Female';
  age: number;
  split: SplitName;
}

function drawPatient(config: Config, number: number): Patient {
  const seed = deriveSeed(config.seed, `${config.site}/patient/${number}`);
  const random = createRandom(deriveSeed(seed, 'demographics'));
  const held = random() < config.holdoutFraction;
  return {
    number,
    id: config.site === 'chexpert' ? `patient${pad(number, 5)}` : String(number),
    seed,
    sex: random() < 0.5 ? 'Male' : 'Female',
    age: 18 + Math.floor(72 * random()),
    split: held ? (config.site === 'chexpert' ? 'valid' : 'test') : 'train',
  };
}

function* patientRecords(config: Config, number: number): Generator<PhantomRecord> {
  const patient = drawPatient(config, number);
  const course = createRandom(deriveSeed(patient.seed, 'course'));
  const studies = between(course, config.studiesPerPatient);
  let findings: FindingSeverities | undefined;
  let age = patient.age;
  for (let study = 1; study <= studies; study++) {
    findings = nextFindings(findings, config.prevalence, course);
    const studySeed = deriveSeed(patient.seed, `study/${study}`);
    const studyRandom = createRandom(studySeed);
    const { labels, shown } = writeLabels(config, patient.split, findings, studyRandom);
    const projection = studyRandom() < (config.site === 'chexpert' ? 0.7 : 0.4) ? 'AP' : 'PA';
    const draw: StudyDraw = { study, age, projection, findings: shown, labels, seed: studySeed };
    const views = viewsOfStudy(config, studyRandom);
    for (let view = 1; view <= views.length; view++) {
      const image = { number: view, view: views[view - 1] as ChestView, random: studyRandom };
      yield makeRecord(config, patient, draw, image);
    }
    age += Math.floor(2 * course());
  }
}

/** Inclusive integer range draw. */
function between(random: Random, [low, high]: readonly [number, number]): number {
  return low + Math.floor(random() * (high - low + 1));
}

function pad(value: number, digits: number): string {
  return String(value).padStart(digits, '0');
}

/**
 * One Markov step per finding whose stationary share is the prevalence: a first study (no
 * `previous`) draws from the prevalence itself, later ones lean on what the last study showed.
 */
function nextFindings(
  previous: FindingSeverities | undefined,
  prevalence: Record<Finding, number>,
  random: Random,
): FindingSeverities {
  const next: FindingSeverities = {};
  for (const finding of FINDINGS) {
    const p = prevalence[finding];
    const keep = PERSISTENCE[finding];
    const was = previous?.[finding];
    const chance = !previous ? p : was === undefined ? p * (1 - keep) : p + keep * (1 - p);
    const severity = 0.5 + 0.5 * random(); // drawn always, so the stream does not fork
    if (random() < chance) next[finding] = was === undefined ? severity : (was + severity) / 2;
  }
  return next;
}

/**
 * The study's label cells. CheXpert training labels: each cell is uncertain with chance
 * `uncertainRate` whatever the truth, and a finding under an uncertain label is drawn faint
 * (`shown`), as hedged reports tend to describe subtle images. Held-out and ChestX-ray14 labels
 * are plain 1/0.
 */
function writeLabels(config: Config, split: SplitName, truth: FindingSeverities, random: Random) {
  const labels = {} as Record<Finding, LabelCell>;
  const shown: FindingSeverities = { ...truth };
  const hedged = config.site === 'chexpert' && split === 'train';
  for (const finding of FINDINGS) {
    const present = truth[finding] !== undefined;
    const uncertain = random() < config.uncertainRate;
    const explicit = random() < EXPLICIT_NEGATIVE_RATE;
    if (!hedged) labels[finding] = present ? 1 : 0;
    else if (uncertain) labels[finding] = -1;
    else labels[finding] = present ? 1 : explicit ? 0 : null;
    if (hedged && uncertain && present) shown[finding] = 0.25 + 0.25 * (truth[finding] as number);
  }
  return { labels, shown };
}

/** Views of one study: a frontal first, then frontals or laterals (CheXpert's view1, view2…). */
function viewsOfStudy(config: Config, random: Random): ChestView[] {
  if (config.site === 'chestxray14') return ['frontal'];
  const count = between(random, config.imagesPerStudy);
  return Array.from({ length: count }, (_, i) =>
    i > 0 && random() < config.lateralRate ? 'lateral' : 'frontal',
  );
}

interface StudyDraw {
  study: number;
  age: number;
  /** Frontal views' projection; CheXpert is mostly portable AP films, NIH mostly PA. */
  projection: 'AP' | 'PA';
  findings: FindingSeverities;
  labels: Record<Finding, LabelCell>;
  seed: number;
}

interface ImageDraw {
  number: number;
  view: ChestView;
  random: Random;
}

function makeRecord(
  config: Config,
  patient: Patient,
  study: StudyDraw,
  image: ImageDraw,
): PhantomRecord {
  const chexpert = config.site === 'chexpert';
  const height = chexpert ? Math.round(config.size * (1 + 0.25 * image.random())) : config.size;
  return {
    site: config.site,
    patientId: patient.id,
    patient: patient.number,
    study: study.study,
    viewNumber: image.number,
    view: image.view,
    projection: image.view === 'lateral' ? 'LL' : study.projection,
    sex: patient.sex,
    age: study.age,
    split: patient.split,
    path: chexpert
      ? `CheXpert-v1.0-small/${patient.split}/${patient.id}/study${study.study}/view${image.number}_${image.view}.png`
      : `images/${pad(patient.number, 8)}_${pad(study.study - 1, 3)}.png`,
    width: config.size,
    height,
    findings: study.findings,
    labels: study.labels,
    seeds: {
      patient: patient.seed,
      study: study.seed,
      image: deriveSeed(study.seed, `image/${image.number}`),
    },
  };
}
