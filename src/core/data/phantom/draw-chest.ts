// Normal frontal (PA/AP) chest anatomy drawn as attenuation. Pure core: canvas primitives only.
// Bones add their line integrals, so overlaps (ribs over lung, spine behind heart) add up; the
// lungs take attenuation away, and the heart and mediastinum give it back by filling that air.

import { addBand, addEllipse, ellipseBox, ellipseRadius, smoothstep } from './canvas';
import { domeV, type Lung } from './layout';
import { bandAt, ellipseAt, fillAirEllipse, type Scene, toU, toV } from './scene';

/** Attenuation of each structure, in units of the soft tissue across the chest's middle. */
export const DENSITY = {
  lungAir: 0.78,
  /** Soft tissue (heart, mediastinum) is no denser than the chest wall: it shows by filling air. */
  heartExtra: 0.06,
  trachea: 0.16,
  vertebra: 0.12,
  posteriorRib: 0.14,
  anteriorRib: 0.07,
  clavicle: 0.2,
  humerus: 0.35,
  breast: 0.1,
} as const;

export function drawFrontalChest(scene: Scene): void {
  drawBody(scene);
  for (const lung of scene.layout.lungs) drawLung(scene, lung);
  drawMediastinum(scene);
  drawSpine(scene);
  drawRibs(scene);
  drawShoulders(scene);
}

/**
 * Soft tissue: the torso's path length is the chord of an elliptic cross-section, so it fades
 * towards the flanks; the shoulders slope down from the neck (trapezius) to the humeral heads.
 */
function drawBody(scene: Scene): void {
  const { canvas, frame, layout } = scene;
  const shoulderV = layout.firstRibV + 0.05;
  for (let y = 0; y < canvas.height; y++) {
    const v = toV(frame, y + 0.5);
    // Widest at the shoulders, narrower at the axillae, widening again to the lower ribs.
    const armpit = Math.exp(-(((v - shoulderV) / 0.22) ** 2));
    const half = layout.bodyHalfWidth * (0.97 + 0.05 * Math.min(1, v + 0.4)) + 0.07 * armpit;
    for (let x = 0; x < canvas.width; x++) {
      const u = toU(frame, x + 0.5);
      const topV = shoulderV - 0.3 + 0.22 * (u / half) ** 2;
      const inTorso = Math.sqrt(Math.max(0, 1 - (u / half) ** 2));
      const belowTop = smoothstep(topV - 0.03, topV + 0.03, v);
      const neckHalf = 0.22 + 0.2 * smoothstep(shoulderV - 0.55, shoulderV - 0.25, v);
      const inNeck = 0.75 * Math.sqrt(Math.max(0, 1 - (u / neckHalf) ** 2));
      canvas.data[y * canvas.width + x] = Math.max(inTorso * belowTop, inNeck);
    }
  }
  if (layout.female) {
    for (const u of [-0.42, 0.42]) {
      addEllipse(canvas, ellipseAt(frame, u, 0.5, 0.3, 0.24), DENSITY.breast, { chord: 1 });
    }
  }
}

/**
 * A lung field: the ellipse above its dome. Air is thickest in the middle of the field, so the
 * bases read darker than the apex; the soft edges keep the borders from aliasing at 64 px.
 */
export function drawLung(scene: Scene, lung: Lung): void {
  const { canvas, frame, lungMask, lungAir } = scene;
  const edge = 1.5 / (lung.ru * frame.unit) + 0.02;
  const domeSoft = 0.012;
  const box = ellipseBox(canvas, ellipseAt(frame, lung.cu, lung.cv, lung.ru, lung.rv), 1 + edge);
  for (let y = box.y0; y < box.y1; y++) {
    const v = toV(frame, y + 0.5);
    for (let x = box.x0; x < box.x1; x++) {
      const r = ellipseRadius(box, x, y);
      if (r >= 1 + edge) continue;
      const dome = domeV(lung, toU(frame, x + 0.5));
      const cover =
        (1 - smoothstep(1 - edge, 1 + edge, r)) *
        (1 - smoothstep(dome - domeSoft, dome + domeSoft, v));
      const air = DENSITY.lungAir * cover * (0.45 + 0.55 * Math.sqrt(Math.max(0, 1 - r * r)));
      const i = y * canvas.width + x;
      lungMask[i] = Math.max(lungMask[i] as number, cover);
      if (air > (lungAir[i] as number)) {
        canvas.data[i] = (canvas.data[i] as number) - (air - (lungAir[i] as number));
        lungAir[i] = air;
      }
    }
  }
}

/**
 * The mediastinum and heart hold no air, so they fill the lung fields they overlap: they stand out
 * against the lungs but merge with the diaphragm below (the silhouette a radiologist reads).
 */
function drawMediastinum(scene: Scene): void {
  const { canvas, frame, layout } = scene;
  const s = layout.mediastinumShift;
  fillAirEllipse(scene, ellipseAt(frame, s, -0.4, 0.13, 0.62), 1, 0.12);
  fillAirEllipse(scene, ellipseAt(frame, s + 0.11, -0.27, 0.065, 0.06), 1, 0.12); // aortic knob
  fillAirEllipse(scene, ellipseAt(frame, s + 0.13, -0.1, 0.06, 0.08), 1, 0.12); // pulmonary trunk
  addEllipse(canvas, ellipseAt(frame, s, -0.78, 0.026, 0.5), -DENSITY.trachea, { soft: 0.35 });
  for (const direction of [-1, 1]) {
    const bronchus = ellipseAt(frame, s + 0.06 * direction, -0.22, 0.016, 0.09, -0.7 * direction);
    addEllipse(canvas, bronchus, -DENSITY.trachea * 0.8, { soft: 0.4 });
  }
  const { cu, cv, ru, rv, angle } = layout.heart;
  const heart = ellipseAt(frame, cu, cv, ru, rv, angle);
  fillAirEllipse(scene, heart, 0.96, 0.04);
  addEllipse(canvas, heart, DENSITY.heartExtra, { soft: 0.04, chord: 1 });
}

/** Vertebral bodies with disc spaces between them, pedicles and spinous processes. */
function drawSpine(scene: Scene): void {
  const { canvas, frame, layout } = scene;
  const s = layout.mediastinumShift * 0.3; // the spine barely moves when the mediastinum does
  const height = layout.ribGap * 0.82;
  for (let v = layout.firstRibV - 3 * height; v < 1.6; v += height) {
    const body = ellipseAt(frame, s, v, 0.07, height * 0.42);
    addEllipse(canvas, body, DENSITY.vertebra, { soft: 0.25, chord: 0.3 });
    for (const side of [-1, 1]) {
      const pedicle = ellipseAt(frame, s + 0.052 * side, v - height * 0.15, 0.014, 0.022);
      addEllipse(canvas, pedicle, DENSITY.vertebra * 0.5, { soft: 0.3 });
    }
    const spinous = ellipseAt(frame, s, v + height * 0.2, 0.01, 0.03);
    addEllipse(canvas, spinous, DENSITY.vertebra * 0.4, { soft: 0.3 });
  }
}

/**
 * Ten rib pairs. Posterior arcs leave the spine, rise a little and curve down at the flank;
 * anterior arcs, fainter and wider, run from the flank down towards the sternum.
 */
function drawRibs(scene: Scene): void {
  const { canvas, frame, layout } = scene;
  const wall = layout.bodyHalfWidth - 0.09;
  for (let rib = 0; rib < 10; rib++) {
    const startV = layout.firstRibV + rib * layout.ribGap;
    const length = (wall - 0.06) * (0.5 + 0.5 * Math.min(1, rib / 3));
    for (const side of [-1, 1]) {
      const posterior = (u: number) => {
        const t = (Math.abs(u) - 0.06) / length;
        return startV - 0.07 * Math.sin(Math.PI * 0.9 * t) + 0.1 * t * t * t;
      };
      const endU = side * (0.06 + length);
      const band = bandAt(frame, side * 0.06, endU, posterior, 0.019);
      addBand(canvas, band, DENSITY.posteriorRib, 0.5);
      const endV = posterior(endU);
      const anterior = (u: number) => {
        const t = (Math.abs(endU) - Math.abs(u)) / (Math.abs(endU) - 0.2);
        return endV + 0.03 + 0.26 * t - 0.06 * Math.sin(Math.PI * t);
      };
      const front = bandAt(frame, endU, side * 0.2, anterior, 0.026);
      addBand(canvas, front, DENSITY.anteriorRib, 0.3);
    }
  }
}

/** Clavicles (a gentle S from the sternum out and up) and the humeral heads at the shoulders. */
function drawShoulders(scene: Scene): void {
  const { canvas, frame, layout } = scene;
  const topV = layout.firstRibV - 0.03;
  const half = layout.bodyHalfWidth;
  for (const side of [-1, 1]) {
    const clavicle = (u: number) => {
      const t = (Math.abs(u) - 0.07) / 0.5;
      return topV - 0.1 * t + 0.025 * Math.sin(2 * Math.PI * t);
    };
    addBand(
      canvas,
      bandAt(frame, side * 0.07, side * 0.57, clavicle, 0.022),
      DENSITY.clavicle,
      0.4,
    );
    const head = ellipseAt(frame, side * (half - 0.03), topV + 0.07, 0.085, 0.095);
    addEllipse(canvas, head, DENSITY.humerus, { soft: 0.08, chord: 0.6 });
  }
}
