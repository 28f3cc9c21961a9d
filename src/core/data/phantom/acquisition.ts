// The X-ray acquisition: positioning, exposure, each site's intensity response and noise. Pure
// core: seeded draws and typed-array loops, so both sites' images are reproducible anywhere.

import { createRandom, normal, type Random } from '../../util/random';
import { boxBlur, type Canvas, createCanvas } from './canvas';
import type { PhantomSite } from './types';

/** A scanner: how attenuation becomes a displayed value, and how noisy and sharp it is. */
export interface SiteProfile {
  /** Range of k in 1 − exp(−k·attenuation): beam quality and exposure. */
  gain: readonly [number, number];
  /** Display curve exponent: below 1 lifts the mid-tones. */
  gamma: number;
  /** Blend towards an S-shaped contrast curve: 0 linear, 1 fully sigmoid. */
  contrast: number;
  /** Electronic noise, a constant standard deviation in display units. */
  gaussianNoise: number;
  /** Quantum (Poisson-like) noise: its deviation grows with the square root of the signal. */
  quantumNoise: number;
  /** Detector blur radius in pixels per 256 pixels of image. */
  blur: number;
  /** Largest patient rotation, radians. */
  maxRotation: number;
}

/**
 * CheXpert-like: plain log response, moderate noise. ChestX-ray14-like: another vendor's
 * processing, lifted mid-tones with a steeper S-curve, softer detector, more quantum noise.
 */
export const SITE_PROFILES: Readonly<Record<PhantomSite, SiteProfile>> = {
  chexpert: {
    gain: [1.05, 1.4],
    gamma: 1,
    contrast: 0.1,
    gaussianNoise: 0.008,
    quantumNoise: 0.016,
    blur: 1,
    maxRotation: 0.07,
  },
  chestxray14: {
    gain: [1.15, 1.5],
    gamma: 0.75,
    contrast: 0.55,
    gaussianNoise: 0.004,
    quantumNoise: 0.03,
    blur: 2,
    maxRotation: 0.05,
  },
};

/** One exposure's draws. */
export interface Acquisition {
  gain: number;
  /** Added to the display value: over- or under-exposure. */
  brightness: number;
  /** Top-to-bottom exposure gradient (the anode heel effect), relative. */
  heel: number;
  rotation: number;
  /** Patient size on the detector and position of the chest centre (fractions of the image). */
  scale: number;
  shiftX: number;
  shiftY: number;
  noiseScale: number;
}

export function drawAcquisition(profile: SiteProfile, random: Random): Acquisition {
  const between = (low: number, high: number) => low + (high - low) * random();
  return {
    gain: between(profile.gain[0], profile.gain[1]),
    brightness: between(-0.05, 0.05),
    heel: between(-0.06, 0.06),
    rotation: between(-profile.maxRotation, profile.maxRotation),
    scale: between(0.92, 1.06),
    shiftX: between(-0.03, 0.03),
    shiftY: between(-0.04, 0.04),
    noiseScale: between(0.7, 1.4),
  };
}

/** Turns the canvas about its centre by `angle` (bilinear; outside samples repeat the edge). */
export function rotate(source: Canvas, angle: number): Canvas {
  if (angle === 0) return source;
  const { width, height, data } = source;
  const out = createCanvas(width, height);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const sx = Math.min(width - 1, Math.max(0, cx + dx * cos + dy * sin - 0.5));
      const sy = Math.min(height - 1, Math.max(0, cy - dx * sin + dy * cos - 0.5));
      out.data[y * width + x] = bilinear(data, width, height, sx, sy);
    }
  }
  return out;
}

function bilinear(data: Float32Array, width: number, height: number, x: number, y: number) {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(width - 1, x0 + 1);
  const y1 = Math.min(height - 1, y0 + 1);
  const fx = x - x0;
  const fy = y - y0;
  const top = (data[y0 * width + x0] as number) * (1 - fx) + (data[y0 * width + x1] as number) * fx;
  const bottom =
    (data[y1 * width + x0] as number) * (1 - fx) + (data[y1 * width + x1] as number) * fx;
  return top * (1 - fy) + bottom * fy;
}

/**
 * Attenuation → display values in [0, 1] (bone white, air black), in place: detector blur,
 * exposure, the site's response curve, then noise.
 */
export function expose(canvas: Canvas, profile: SiteProfile, shot: Acquisition, random: Random) {
  const { width, height, data } = canvas;
  boxBlur(canvas, Math.round((profile.blur * Math.max(width, height)) / 256 / 2), 2);
  const response = responseTable(profile, shot.brightness);
  const normals = standardNormals();
  const perUnit = (RESPONSE_ENTRIES - 1) / RESPONSE_RANGE;
  for (let y = 0; y < height; y++) {
    const gain = shot.gain * (1 + shot.heel * (y / height - 0.5)) * perUnit;
    for (let i = y * width; i < (y + 1) * width; i++) {
      const at = Math.min(RESPONSE_ENTRIES - 1.001, Math.max(0, gain * (data[i] as number)));
      const below = Math.floor(at);
      const low = response[below] as number;
      const value = low + ((response[below + 1] as number) - low) * (at - below);
      const sd =
        shot.noiseScale * (profile.gaussianNoise + profile.quantumNoise * Math.sqrt(value));
      const noise = normals[Math.floor(random() * NORMAL_ENTRIES)] as number;
      data[i] = Math.min(1, Math.max(0, value + sd * noise));
    }
  }
}

/** The response curve is tabulated over gain × attenuation in [0, RESPONSE_RANGE]. */
const RESPONSE_RANGE = 6;
const RESPONSE_ENTRIES = 2049;

/** exp, pow and the S-curve once per table entry instead of once per pixel. */
function responseTable(profile: SiteProfile, brightness: number): Float32Array {
  const table = new Float32Array(RESPONSE_ENTRIES);
  const sigmoidLow = sigmoid(0);
  const sigmoidSpan = sigmoid(1) - sigmoidLow;
  for (let k = 0; k < RESPONSE_ENTRIES; k++) {
    const transmitted = 1 - Math.exp((-k * RESPONSE_RANGE) / (RESPONSE_ENTRIES - 1));
    const curved = transmitted ** profile.gamma;
    const shaped =
      curved + profile.contrast * ((sigmoid(curved) - sigmoidLow) / sigmoidSpan - curved);
    table[k] = Math.min(1, Math.max(0, shaped + brightness));
  }
  return table;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-7 * (x - 0.5)));
}

/** Pixel noise draws from a fixed table of normal deviates: one uniform per pixel, no logs. */
const NORMAL_ENTRIES = 1 << 16;
let normalTable: Float32Array | undefined;

function standardNormals(): Float32Array {
  if (!normalTable) {
    const random = createRandom(0x6e6f6973); // fixed: the table is a constant, not a draw
    normalTable = Float32Array.from({ length: NORMAL_ENTRIES }, () => normal(random));
  }
  return normalTable;
}
