// Chest geometry of one study: the patient's anatomy, changed by the study's findings. Pure core:
// numbers from seeded draws only; the frontal and lateral renderers both read it, so they agree.

import { createRandom, deriveSeed, normal, type Random } from '../../util/random';
import type { FindingSeverities, PhantomRecord } from './types';

/**
 * Coordinates are normalized: u runs across the image (left → right), v down it, and one unit is
 * half the shorter image side. The patient's right is the image's left (radiological convention).
 */
export type Side = 'right' | 'left';

/** A lung field: an ellipse cut from below by its hemidiaphragm, a parabola `domeV(u)`. */
export interface Lung {
  side: Side;
  cu: number;
  cv: number;
  ru: number;
  rv: number;
  /** Where the dome peaks across u (the lung's centre on frontal views, anterior on laterals). */
  domeU: number;
  domePeakV: number;
  /** How far the dome descends from its peak to the chest wall: the costophrenic depth. */
  domeDrop: number;
  /**
   * Direction of u (−1 or 1) in which the dome falls away into the costophrenic angle: lateral
   * on frontal views, posterior on laterals. The other side stays high, against the heart.
   */
  deepward: -1 | 1;
}

export interface Heart {
  cu: number;
  cv: number;
  ru: number;
  rv: number;
  angle: number;
}

export type Lobe = 'RUL' | 'RML' | 'RLL' | 'LUL' | 'LLL';

export interface ChestLayout {
  female: boolean;
  bodyHalfWidth: number;
  /** [patient's right lung (image left), patient's left lung (image right)]. */
  lungs: readonly [Lung, Lung];
  heart: Heart;
  /** Cardiothoracic ratio: widest heart over widest inner thorax. ~0.45 normal, > 0.55 enlarged. */
  ctr: number;
  /** Sideways shift of trachea, mediastinum and heart (atelectasis pulls them to its side). */
  mediastinumShift: number;
  firstRibV: number;
  ribGap: number;
  effusion?: { sides: Side[]; height: number };
  edema?: { severity: number };
  consolidation?: { lobe: Lobe; severity: number };
  atelectasis?: { side: Side; severity: number };
}

/** How much of the costophrenic depth the dome keeps on its shallow side. */
const SHALLOW_SIDE = 0.3;

/** The v of a lung's dome at `u`: the lung's lower border there. */
export function domeV(lung: Lung, u: number): number {
  const t = (u - lung.domeU) / lung.ru;
  const steepness = t * lung.deepward > 0 ? 1 : SHALLOW_SIDE;
  return lung.domePeakV + lung.domeDrop * steepness * t * t;
}

/** Height of a lung's hilum and horizontal fissure: halfway from apex to dome. */
export function hilumV(lung: Lung): number {
  return (lung.cv - lung.rv + lung.domePeakV) / 2;
}

export function lungOf(layout: ChestLayout, side: Side): Lung {
  return side === 'right' ? layout.lungs[0] : layout.lungs[1];
}

/** Geometry of a record's study: anatomy from the patient seed, findings placed by the study seed. */
export function chestLayout(record: PhantomRecord): ChestLayout {
  const anatomy = normalAnatomy(createRandom(record.seeds.patient), record.sex === 'Female');
  return applyFindings(
    anatomy,
    record.findings,
    createRandom(deriveSeed(record.seeds.study, 'layout')),
  );
}

/** A draw from mean ± sd, clipped to ±2 sd so no anatomy comes out absurd. */
function jitter(random: Random, mean: number, sd: number): number {
  return mean + sd * Math.max(-2, Math.min(2, normal(random)));
}

function normalAnatomy(random: Random, female: boolean): ChestLayout {
  const ru = jitter(random, 0.3, 0.015);
  const rv = jitter(random, 0.86, 0.04);
  const cv = jitter(random, 0.15, 0.03);
  const domePeakV = jitter(random, 0.42, 0.035);
  const domeDrop = jitter(random, 0.17, 0.02);
  const cu = -(0.08 + ru);
  const right: Lung = {
    side: 'right',
    cu,
    cv,
    ru,
    rv,
    domeU: cu,
    domePeakV,
    domeDrop,
    deepward: -1,
  };
  const leftRu = ru * 0.94; // the heart takes room from the left lung
  const leftDome = domePeakV + jitter(random, 0.04, 0.015); // the liver lifts the right dome
  const leftCu = 0.1 + leftRu;
  const left: Lung = {
    ...right,
    side: 'left',
    cu: leftCu,
    ru: leftRu,
    domeU: leftCu,
    deepward: 1,
    domePeakV: leftDome,
  };
  const layout: ChestLayout = {
    female,
    bodyHalfWidth: jitter(random, female ? 0.86 : 0.91, 0.03),
    lungs: [right, left],
    heart: {
      cu: 0,
      cv: 0,
      ru: 0,
      rv: jitter(random, 0.21, 0.015),
      angle: jitter(random, 0.4, 0.06),
    },
    ctr: Math.min(0.49, jitter(random, 0.43, 0.025)),
    mediastinumShift: jitter(random, 0, 0.01),
    firstRibV: cv - rv + jitter(random, -0.02, 0.015),
    ribGap: jitter(random, 0.125, 0.006),
  };
  return layout;
}

/** Places the findings (side, lobe, size) and applies their effect on the anatomy. */
function applyFindings(
  base: ChestLayout,
  findings: FindingSeverities,
  random: Random,
): ChestLayout {
  let layout = { ...base };
  const side = (): Side => (random() < 0.5 ? 'right' : 'left');
  const atelectasis = findings.Atelectasis;
  if (atelectasis !== undefined) layout = collapse(layout, side(), atelectasis);
  const cardiomegaly = findings.Cardiomegaly;
  if (cardiomegaly !== undefined) {
    layout.ctr = 0.57 + 0.1 * cardiomegaly;
    layout.heart = { ...layout.heart, rv: layout.heart.rv * (1.1 + 0.2 * cardiomegaly) };
  }
  const effusion = findings['Pleural Effusion'];
  if (effusion !== undefined) {
    const sides: Side[] = random() < 0.45 ? ['right', 'left'] : [side()];
    layout.effusion = { sides, height: 0.15 + 0.3 * effusion };
  }
  if (findings.Edema !== undefined) layout.edema = { severity: findings.Edema };
  const consolidation = findings.Consolidation;
  if (consolidation !== undefined) {
    const lobes: Lobe[] = ['RUL', 'RML', 'RLL', 'LUL', 'LLL'];
    const lobe = lobes[Math.floor(random() * lobes.length)] as Lobe;
    layout.consolidation = { lobe, severity: consolidation };
  }
  return placeHeart(layout);
}

/** Volume loss: the collapsed side's hemidiaphragm rises and the mediastinum moves towards it. */
function collapse(layout: ChestLayout, side: Side, severity: number): ChestLayout {
  const lift = 0.1 + 0.1 * severity;
  const lungs = layout.lungs.map((lung) =>
    lung.side === side ? { ...lung, domePeakV: lung.domePeakV - lift, ru: lung.ru * 0.95 } : lung,
  ) as [Lung, Lung];
  const pull = (0.03 + 0.03 * severity) * (side === 'right' ? -1 : 1);
  return {
    ...layout,
    lungs,
    mediastinumShift: layout.mediastinumShift + pull,
    atelectasis: { side, severity },
  };
}

/**
 * Sizes the heart from the cardiothoracic ratio: its widest extent is `ctr` times the inner
 * thorax, one third right of the midline and two thirds left, its base resting on the left dome.
 */
function placeHeart(layout: ChestLayout): ChestLayout {
  const [right, left] = layout.lungs;
  const thorax = left.cu + left.ru - (right.cu - right.ru);
  const halfWidth = (layout.ctr * thorax) / 2;
  const { rv, angle } = layout.heart;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const ru = Math.sqrt(Math.max(1e-4, (halfWidth ** 2 - (rv * sin) ** 2) / (cos * cos)));
  const halfHeight = Math.sqrt((ru * sin) ** 2 + (rv * cos) ** 2);
  const heart: Heart = {
    cu: layout.mediastinumShift + 0.34 * halfWidth,
    cv: left.domePeakV + 0.05 - halfHeight,
    ru,
    rv,
    angle,
  };
  return { ...layout, heart };
}
