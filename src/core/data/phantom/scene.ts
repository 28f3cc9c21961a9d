// The drawing context of the phantom renderers: canvas, coordinate frame, lung masks. Pure core:
// imports only sibling phantom modules and the seeded PRNG type.

import type { Random } from '../../util/random';
import {
  type Band,
  type Canvas,
  createCanvas,
  type Ellipse,
  ellipseBox,
  ellipseRadius,
  smoothstep,
} from './canvas';
import type { ChestLayout } from './layout';

/** Maps normalized chest coordinates (see layout.ts) to canvas pixels. */
export interface Frame {
  cx: number;
  cy: number;
  /** Pixels per normalized unit: from the shorter side, so tall images show more neck and belly. */
  unit: number;
}

export interface Scene {
  canvas: Canvas;
  frame: Frame;
  layout: ChestLayout;
  random: Random;
  /** Per pixel, how much lies inside a lung field (0–1); findings stay inside it. */
  lungMask: Float32Array;
  /** Per pixel, the attenuation the lung's air removed; the heart, fluid and collapse fill it. */
  lungAir: Float32Array;
}

export function createScene(
  frame: Frame,
  size: { width: number; height: number },
  layout: ChestLayout,
  random: Random,
): Scene {
  const { width, height } = size;
  return {
    canvas: createCanvas(width, height),
    frame,
    layout,
    random,
    lungMask: new Float32Array(width * height),
    lungAir: new Float32Array(width * height),
  };
}

/**
 * The frame of a `width` × `height` image: one unit is half the shorter side times `scale`
 * (patient size on the detector), the chest centre moved by `shiftX`, `shiftY` (image fractions).
 */
export function placeFrame(
  width: number,
  height: number,
  scale = 1,
  shiftX = 0,
  shiftY = 0,
): Frame {
  return {
    cx: width * (0.5 + shiftX),
    cy: height * (0.5 + shiftY),
    unit: (Math.min(width, height) / 2) * scale,
  };
}

export function toX(frame: Frame, u: number): number {
  return frame.cx + u * frame.unit;
}

export function toY(frame: Frame, v: number): number {
  return frame.cy + v * frame.unit;
}

export function toU(frame: Frame, x: number): number {
  return (x - frame.cx) / frame.unit;
}

export function toV(frame: Frame, y: number): number {
  return (y - frame.cy) / frame.unit;
}

/** An ellipse given in normalized coordinates, in pixels. */
export function ellipseAt(frame: Frame, cu: number, cv: number, ru: number, rv: number, angle = 0) {
  const ellipse: Ellipse = {
    cx: toX(frame, cu),
    cy: toY(frame, cv),
    rx: Math.max(0.5, ru * frame.unit),
    ry: Math.max(0.5, rv * frame.unit),
    angle,
  };
  return ellipse;
}

/** A band from u0 to u1 along v = centreV(u), all normalized, in pixels. */
export function bandAt(
  frame: Frame,
  u0: number,
  u1: number,
  centreV: (u: number) => number,
  halfWidth: number,
): Band {
  return {
    x0: toX(frame, u0),
    x1: toX(frame, u1),
    centre: (x) => toY(frame, centreV(toU(frame, x))),
    halfWidth: Math.max(0.5, halfWidth * frame.unit),
  };
}

/**
 * Fills airspace: gives back a share (0–1) of the attenuation the lung's air removed at pixel `i`.
 * Whatever fills air (heart, fluid, exudate, collapse) shows inside the lungs and nowhere else,
 * and what is filled is no longer air, so overlapping fills never exceed solid tissue.
 */
function fillAirAt(scene: Scene, i: number, share: number): void {
  const air = scene.lungAir[i] as number;
  const filled = air * Math.min(1, share);
  scene.canvas.data[i] = (scene.canvas.data[i] as number) + filled;
  scene.lungAir[i] = air - filled;
}

/** Fills `share` of the air over an ellipse whose edge ramps over ±`soft` (normalized radius). */
export function fillAirEllipse(scene: Scene, e: Ellipse, share: number, soft: number): void {
  const { canvas } = scene;
  const box = ellipseBox(canvas, e, 1 + soft);
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const r = ellipseRadius(box, x, y);
      if (r < 1 + soft)
        fillAirAt(scene, y * canvas.width + x, share * (1 - smoothstep(1 - soft, 1 + soft, r)));
    }
  }
}

/** Fills air with a Gaussian profile (radii = standard deviations), `share` at the centre. */
export function fillAirGaussian(scene: Scene, e: Ellipse, share: number): void {
  const { canvas } = scene;
  const box = ellipseBox(canvas, e, 3);
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const r = ellipseRadius(box, x, y);
      if (r < 3) fillAirAt(scene, y * canvas.width + x, share * Math.exp(-0.5 * r * r));
    }
  }
}

/**
 * Fills the air below a surface v = surfaceV(u) for u in [u0, u1] down to `bottomV`, ramping in
 * over `soft` above and below it: fluid layering under its meniscus. Scans columns, so the
 * surface is evaluated once per column.
 */
export function fillAirBelow(
  scene: Scene,
  u0: number,
  u1: number,
  bottomV: number,
  surfaceV: (u: number) => number,
  share: number,
  soft: number,
): void {
  const { canvas, frame } = scene;
  const x0 = Math.max(0, Math.floor(toX(frame, Math.min(u0, u1))));
  const x1 = Math.min(canvas.width, Math.ceil(toX(frame, Math.max(u0, u1))));
  const y1 = Math.min(canvas.height, Math.ceil(toY(frame, bottomV)));
  for (let x = x0; x < x1; x++) {
    const surface = surfaceV(toU(frame, x + 0.5));
    const y0 = Math.max(0, Math.floor(toY(frame, surface - soft)));
    for (let y = y0; y < y1; y++) {
      const depth = smoothstep(surface - soft, surface + soft, toV(frame, y + 0.5));
      fillAirAt(scene, y * canvas.width + x, share * depth);
    }
  }
}
