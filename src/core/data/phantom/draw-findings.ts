// The five findings on a frontal view, drawn where they appear on real radiographs. Pure core.
// Opacities fill the lung's air (see fillAirAt): fluid, exudate or collapse where air was; thin
// lines weigh by the air left (lungAir), so they show in the lungs and not over the heart.
// Cardiomegaly and the volume loss of atelectasis are already in the layout (heart size, domes).

import { addBand, addGaussian, type Canvas, smoothstep } from './canvas';
import { drawTree } from './draw-vessels';
import { domeV, hilumV, type Lobe, type Lung, lungOf, type Side } from './layout';
import { bandAt, ellipseAt, fillAirBelow, fillAirGaussian, type Scene, toV } from './scene';

export function drawFrontalFindings(scene: Scene): void {
  const { edema, consolidation, atelectasis, effusion } = scene.layout;
  if (edema) drawEdema(scene, edema.severity);
  if (consolidation) drawConsolidation(scene, consolidation.lobe, consolidation.severity);
  if (atelectasis) drawPlateAtelectasis(scene, atelectasis.side, atelectasis.severity);
  for (const side of effusion?.sides ?? []) drawEffusion(scene, side, effusion?.height ?? 0);
}

/**
 * Fluid layering at a lung base: it fills the costophrenic angle first and climbs the lateral
 * chest wall, so its upper border is a meniscus (concave up) and the angle is blunted.
 */
function drawEffusion(scene: Scene, side: Side, height: number): void {
  const lung = lungOf(scene.layout, side);
  const outward = side === 'right' ? -1 : 1;
  const wallU = lung.cu + outward * lung.ru;
  const medialU = lung.cu - outward * lung.ru;
  const angleV = domeV(lung, wallU);
  const meniscus = (u: number) => {
    const lateral = Math.min(1, Math.abs(u - medialU) / (2 * lung.ru));
    return angleV - height * (0.15 + 0.85 * lateral ** 1.5);
  };
  fillAirBelow(scene, medialU, wallU + outward * 0.03, angleV + 0.05, meniscus, 0.97, 0.045);
}

/** Perihilar "bat-wing" haze on both sides, plus Kerley B lines at the lateral bases. */
function drawEdema(scene: Scene, severity: number): void {
  const { layout, frame } = scene;
  for (const lung of layout.lungs) {
    const outward = lung.side === 'right' ? -1 : 1;
    const spread = 1 + 0.35 * severity;
    const centreU = layout.mediastinumShift + outward * 0.2;
    const haze = ellipseAt(frame, centreU, hilumV(lung) + 0.06, 0.14 * spread, 0.22 * spread);
    fillAirGaussian(scene, haze, 0.42 + 0.3 * severity);
    drawKerleyLines(scene, lung, severity);
  }
}

/** Short horizontal septal lines reaching in from the lateral wall above the costophrenic angle. */
function drawKerleyLines(scene: Scene, lung: Lung, severity: number): void {
  const { random, frame, canvas, lungAir } = scene;
  const outward = lung.side === 'right' ? -1 : 1;
  const wallU = lung.cu + outward * lung.ru * 0.97;
  const count = 3 + Math.floor(4 * severity);
  for (let line = 0; line < count; line++) {
    const v = domeV(lung, wallU) - 0.04 - 0.22 * random();
    const length = 0.04 + 0.04 * random();
    const band = bandAt(frame, wallU, wallU - outward * length, () => v, 0.005);
    addBand(canvas, band, 0.15 + 0.15 * severity, 0, lungAir);
  }
}

/** Where a lobe's opacity sits; `fissure` +1/−1: cut sharply above/below the horizontal fissure. */
interface LobeZone {
  lung: Lung;
  cu: number;
  cv: number;
  fissure: -1 | 0 | 1;
}

function lobeZone(scene: Scene, lobe: Lobe): LobeZone {
  const lung = lungOf(scene.layout, lobe.startsWith('R') ? 'right' : 'left');
  const medial = lung.side === 'right' ? 1 : -1;
  const fissureV = hilumV(lung) + 0.02;
  switch (lobe) {
    case 'RUL':
      return { lung, cu: lung.cu, cv: fissureV - 0.17, fissure: -1 };
    case 'RML': // against the right heart border, which it silhouettes
      return { lung, cu: lung.cu + medial * 0.45 * lung.ru, cv: fissureV + 0.17, fissure: 1 };
    case 'LUL':
      return { lung, cu: lung.cu, cv: fissureV - 0.12, fissure: 0 };
    default:
      return { lung, cu: lung.cu - medial * 0.15 * lung.ru, cv: lung.domePeakV - 0.12, fissure: 0 };
  }
}

/**
 * Lobar consolidation: overlapping blobs saturate into a dense, fairly uniform opacity, cut
 * sharply by the horizontal fissure where the lobe has one, with air bronchograms inside.
 */
function drawConsolidation(scene: Scene, lobe: Lobe, severity: number): void {
  const { random, frame, canvas } = scene;
  const zone = lobeZone(scene, lobe);
  const blobs: Canvas = {
    width: canvas.width,
    height: canvas.height,
    data: new Float32Array(canvas.data.length),
  };
  const count = 5 + Math.floor(4 * random());
  const size = 0.8 + 0.5 * severity;
  for (let blob = 0; blob < count; blob++) {
    const cu = zone.cu + 0.1 * (random() * 2 - 1);
    const cv = zone.cv + 0.1 * (random() * 2 - 1);
    const [ru, rv] = [0.06 + 0.04 * random(), 0.06 + 0.04 * random()];
    addGaussian(blobs, ellipseAt(frame, cu, cv, ru * size, rv * size), 1);
  }
  const opacity = fillConsolidation(scene, blobs.data, hilumV(zone.lung) + 0.02, zone.fissure);
  drawAirBronchograms(scene, zone, opacity);
}

/** Saturates summed blobs into an opacity (in place), cuts it at the fissure, fills that air. */
function fillConsolidation(scene: Scene, blobs: Float32Array, fissureV: number, fissure: number) {
  const { canvas, frame, lungAir, lungMask } = scene;
  for (let y = 0; y < canvas.height; y++) {
    const v = toV(frame, y + 0.5);
    const kept = fissure === 0 ? 1 : 1 - smoothstep(-0.006, 0.006, (fissureV - v) * fissure);
    for (let i = y * canvas.width; i < (y + 1) * canvas.width; i++) {
      if ((blobs[i] as number) === 0) continue;
      const opacity = (1 - Math.exp(-1.3 * (blobs[i] as number))) * kept * (lungMask[i] as number);
      const filled = (lungAir[i] as number) * 0.85 * opacity;
      canvas.data[i] = (canvas.data[i] as number) + filled;
      lungAir[i] = (lungAir[i] as number) - filled;
      blobs[i] = opacity;
    }
  }
  return blobs;
}

/** Air-filled bronchi stay dark inside the opacity: short dark branches heading out from the hilum. */
function drawAirBronchograms(scene: Scene, zone: LobeZone, opacity: Float32Array): void {
  const hilumU = scene.layout.mediastinumShift + (zone.lung.side === 'right' ? -0.15 : 0.15);
  const angle = Math.atan2(zone.cv - hilumV(zone.lung), zone.cu - hilumU);
  for (let tube = 0; tube < 3; tube++) {
    drawTree(scene, {
      startU: (hilumU + zone.cu) / 2,
      startV: zone.cv - 0.05 + 0.05 * tube,
      angle: angle + 0.3 * (tube - 1),
      length: 0.18,
      width: 0.006,
      amount: -0.16,
      depth: 1,
      mask: opacity,
    });
  }
}

/**
 * Plate-like (discoid) atelectasis: thin dense bands, roughly horizontal, in the lower zone
 * above the raised hemidiaphragm; marked collapse adds a wedge along the mediastinum.
 */
function drawPlateAtelectasis(scene: Scene, side: Side, severity: number): void {
  const { random, frame, canvas, lungAir } = scene;
  const lung = lungOf(scene.layout, side);
  const bands = 1 + Math.floor(2 * random());
  for (let band = 0; band < bands; band++) {
    const centreV = lung.domePeakV - 0.05 - 0.15 * random();
    const tilt = 0.25 * (random() * 2 - 1);
    const bow = 0.03 * (random() * 2 - 1);
    const reach = lung.ru * (0.45 + 0.3 * random());
    const centre = (u: number) =>
      centreV + tilt * (u - lung.cu) + bow * (1 - ((u - lung.cu) / reach) ** 2);
    const path = bandAt(frame, lung.cu - reach, lung.cu + reach, centre, 0.01 + 0.01 * severity);
    addBand(canvas, path, 0.35 + 0.2 * severity, 0, lungAir);
  }
  const medial = side === 'right' ? 1 : -1;
  const wedgeU = lung.cu + medial * 0.5 * lung.ru;
  const wedge = ellipseAt(frame, wedgeU, lung.domePeakV - 0.1, 0.06, 0.17, medial * 0.45);
  fillAirGaussian(scene, wedge, 0.3 + 0.4 * severity);
}
