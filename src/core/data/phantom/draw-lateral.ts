// A lateral chest view (patient facing the image's left) with its findings. Pure core: canvas
// primitives only. Simpler than the frontal view; laterals are the minority of CheXpert images.

import { addBand, addEllipse } from './canvas';
import { DENSITY, drawLung } from './draw-chest';
import { domeV, type Lung } from './layout';
import {
  bandAt,
  ellipseAt,
  fillAirBelow,
  fillAirEllipse,
  fillAirGaussian,
  type Scene,
  toU,
  toV,
} from './scene';

/** Anterior (sternum) at −u, posterior (spine) at +u, in the same normalized units as frontal. */
const ANTERIOR_WALL = -0.72;
const SPINE_U = 0.5;

export function drawLateralChest(scene: Scene): void {
  drawLateralBody(scene);
  const lungs = lateralLungs(scene);
  for (const lung of lungs) drawLung(scene, lung);
  drawLateralStructures(scene);
  drawLateralFindings(scene, lungs);
}

/** Both lungs seen from the side: superimposed fields, each under its own dome. */
function lateralLungs(scene: Scene): Lung[] {
  return scene.layout.lungs.map((lung) => ({
    ...lung,
    cu: 0.02,
    ru: 0.56,
    domeU: -0.15,
    domeDrop: lung.domeDrop,
    deepward: 1 as const,
  }));
}

/** The chest's side-to-side path is longer than front-to-back, hence the 1.15 factor. */
function drawLateralBody(scene: Scene): void {
  const { canvas, frame } = scene;
  for (let y = 0; y < canvas.height; y++) {
    const v = toV(frame, y + 0.5);
    for (let x = 0; x < canvas.width; x++) {
      const u = toU(frame, x + 0.5);
      const depth = Math.sqrt(Math.max(0, 1 - ((u - 0.02) / 0.76) ** 2));
      canvas.data[y * canvas.width + x] = 1.15 * depth * (v < -0.75 ? 0.8 : 1);
    }
  }
  const arms = ellipseAt(frame, -0.05, -0.9, 0.55, 0.22);
  addEllipse(canvas, arms, 0.3, { soft: 0.3, chord: 0.5 });
}

/** Heart (anterior, on the diaphragm), sternum, trachea and the vertebral column. */
function drawLateralStructures(scene: Scene): void {
  const { canvas, frame, layout } = scene;
  const enlargement = layout.ctr / 0.43;
  const domePeak = layout.lungs[1].domePeakV;
  const heartRu = 0.27 * enlargement;
  const heart = ellipseAt(frame, -0.5 + heartRu, domePeak - 0.18, heartRu, 0.19, -0.6);
  fillAirEllipse(scene, heart, 0.96, 0.04);
  addEllipse(canvas, heart, DENSITY.heartExtra, { soft: 0.04, chord: 1 });
  const sternum = ellipseAt(frame, ANTERIOR_WALL + 0.06, -0.2, 0.022, 0.45, -0.1);
  addEllipse(canvas, sternum, DENSITY.vertebra, { soft: 0.3 });
  const trachea = ellipseAt(frame, 0.0, -0.62, 0.03, 0.38, 0.15);
  addEllipse(canvas, trachea, -DENSITY.trachea, { soft: 0.35 });
  const height = layout.ribGap * 0.82;
  for (let v = layout.firstRibV - 3 * height; v < 1.6; v += height) {
    const u = SPINE_U - 0.05 * (1 - v * v); // thoracic kyphosis
    addEllipse(canvas, ellipseAt(frame, u, v, 0.085, height * 0.42), DENSITY.vertebra * 1.3, {
      soft: 0.15,
      chord: 0.3,
    });
    const process = ellipseAt(frame, u + 0.14, v + height * 0.3, 0.05, 0.018, 0.5);
    addEllipse(canvas, process, DENSITY.vertebra * 0.6, { soft: 0.3 });
  }
  for (let rib = 2; rib < 10; rib++) {
    const startV = layout.firstRibV + rib * layout.ribGap;
    const path = bandAt(frame, SPINE_U - 0.05, 0.05, (u) => startV + 0.2 * (SPINE_U - u), 0.02);
    addBand(canvas, path, DENSITY.anteriorRib, 0.4);
  }
}

function drawLateralFindings(scene: Scene, lungs: Lung[]): void {
  const { layout, frame } = scene;
  const lowest = lungs.reduce((a, b) => (a.domePeakV > b.domePeakV ? a : b));
  if (layout.effusion) drawPosteriorEffusion(scene, lowest, layout.effusion.height);
  const edema = layout.edema;
  if (edema) {
    const haze = ellipseAt(frame, 0.05, lowest.domePeakV - 0.38, 0.22, 0.24);
    fillAirGaussian(scene, haze, 0.4 + 0.3 * edema.severity);
  }
  if (layout.consolidation) {
    const { lobe, severity } = layout.consolidation;
    const upper = lobe === 'RUL' || lobe === 'LUL';
    const [cu, cv] = upper
      ? [-0.1, -0.3]
      : lobe === 'RML'
        ? [-0.3, 0.2]
        : [0.28, lowest.domePeakV - 0.1];
    const blob = ellipseAt(frame, cu, cv, 0.16 + 0.06 * severity, 0.14 + 0.05 * severity);
    fillAirEllipse(scene, blob, 0.85, 0.4);
  }
  if (layout.atelectasis) {
    const v = lowest.domePeakV - 0.12;
    const band = bandAt(
      frame,
      -0.35,
      0.35,
      (u) => v - 0.15 * u,
      0.018 + 0.012 * layout.atelectasis.severity,
    );
    addBand(scene.canvas, band, 0.35, 0, scene.lungMask);
  }
}

/** Fluid gathers first in the deep posterior costophrenic sulcus and climbs the back wall. */
function drawPosteriorEffusion(scene: Scene, lung: Lung, height: number): void {
  const frontU = lung.cu - lung.ru;
  const backU = lung.cu + lung.ru;
  const sulcusV = domeV(lung, backU);
  const meniscus = (u: number) => {
    const posterior = Math.min(1, Math.max(0, (u - frontU) / (2 * lung.ru)));
    return sulcusV - height * (0.15 + 0.85 * posterior ** 1.5);
  };
  fillAirBelow(scene, frontU, backU, sulcusV + 0.05, meniscus, 0.97, 0.04);
}
