// Renders a phantom record to grayscale pixels. Pure core: no DOM, no tfjs; the caller gets
// plain typed arrays (8- or 16-bit) that a PNG encoder, the cache or a tensor can take as they are.

import { createRandom, deriveSeed } from '../../util/random';
import { drawAcquisition, expose, rotate, SITE_PROFILES } from './acquisition';
import { drawFrontalChest } from './draw-chest';
import { drawFrontalFindings } from './draw-findings';
import { drawLateralChest } from './draw-lateral';
import { drawVessels } from './draw-vessels';
import { chestLayout } from './layout';
import { createScene, placeFrame } from './scene';
import type { PhantomRecord } from './types';

export interface RenderOptions {
  /** Override the record's size, e.g. to render a 1024 px dataset's images at 64 px for tests. */
  width?: number;
  height?: number;
}

/** Display values in [0, 1], row-major: 0 black (air), 1 white (bone). */
export interface PhantomValues {
  width: number;
  height: number;
  values: Float32Array;
}

export interface GrayImage8 {
  width: number;
  height: number;
  bitDepth: 8;
  pixels: Uint8Array;
}

export interface GrayImage16 {
  width: number;
  height: number;
  bitDepth: 16;
  pixels: Uint16Array;
}

/**
 * Draws the record's anatomy and findings as attenuation, then acquires it: positioning, the
 * site's response curve and noise. Deterministic: the record's seeds fix every draw.
 */
export function renderPhantomValues(
  record: PhantomRecord,
  options: RenderOptions = {},
): PhantomValues {
  const width = options.width ?? record.width;
  const height = options.height ?? record.height;
  const profile = SITE_PROFILES[record.site];
  const shotRandom = createRandom(record.seeds.image);
  const shot = drawAcquisition(profile, shotRandom);
  const frame = placeFrame(width, height, shot.scale, shot.shiftX, shot.shiftY);
  // Vessels and other patient-level detail draw from the patient's seed: alike in every study.
  const patientRandom = createRandom(deriveSeed(record.seeds.patient, 'draw'));
  const scene = createScene(frame, { width, height }, chestLayout(record), patientRandom);
  if (record.view === 'lateral') {
    drawLateralChest(scene);
  } else {
    drawFrontalChest(scene);
    drawVessels(scene);
    scene.random = createRandom(deriveSeed(record.seeds.study, 'findings'));
    drawFrontalFindings(scene);
  }
  const acquired = rotate(scene.canvas, shot.rotation);
  expose(acquired, profile, shot, shotRandom);
  return { width, height, values: acquired.data };
}

/** 8-bit grayscale, as CheXpert's JPEGs and ChestX-ray14's PNGs. */
export function renderPhantom(record: PhantomRecord, options: RenderOptions = {}): GrayImage8 {
  const { width, height, values } = renderPhantomValues(record, options);
  const pixels = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) pixels[i] = Math.round((values[i] as number) * 255);
  return { width, height, bitDepth: 8, pixels };
}

/** 16-bit grayscale, for testing decoders that must keep the extra precision. */
export function renderPhantom16(record: PhantomRecord, options: RenderOptions = {}): GrayImage16 {
  const { width, height, values } = renderPhantomValues(record, options);
  const pixels = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) pixels[i] = Math.round((values[i] as number) * 65535);
  return { width, height, bitDepth: 16, pixels };
}
