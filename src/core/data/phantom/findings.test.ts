// The findings are drawn, and visible at 64 px: for each one, a hand-made image statistic
// separates positive from negative images with a large effect size (Cohen's d). If a finding
// stopped being drawn, or shrank below what a small CNN could see, its d would collapse to ~0.
import { describe, expect, it } from 'vitest';
import { generatePhantomDataset } from './dataset';
import { renderPhantomValues } from './render';
import { FINDINGS, type Finding, type PhantomSite } from './types';

const SIZE = 64;
type Image = Float32Array;

/** Mean over a box in chest coordinates: u across, v down, from −1 to 1 (image centre = 0). */
function boxMean(image: Image, u0: number, u1: number, v0: number, v1: number): number {
  let [sum, count] = [0, 0];
  for (let y = 0; y < SIZE; y++) {
    const v = (y + 0.5) / (SIZE / 2) - 1;
    for (let x = 0; x < SIZE && v >= v0 && v < v1; x++) {
      const u = (x + 0.5) / (SIZE / 2) - 1;
      if (u >= u0 && u < u1) [sum, count] = [sum + (image[y * SIZE + x] as number), count + 1];
    }
  }
  return sum / count;
}

/** z-scores the image over its central three quarters, so exposure differences cancel out. */
function standardize(image: Image): Image {
  const centre = (i: number) => i % SIZE >= 8 && i % SIZE < 56 && i >= 8 * SIZE && i < 56 * SIZE;
  const values = image.filter((_, i) => centre(i));
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return image.map((value) => (value - mean) / sd);
}

/** Upper, middle and lower lung zones: [v0, v1]. */
const LUNG_ZONES: readonly (readonly [number, number])[] = [
  [-0.6, -0.25],
  [-0.25, 0.1],
  [0.1, 0.45],
];

/** Per finding: a statistic that should be higher on positive images. */
const STATISTICS: Record<Finding, (image: Image) => number> = {
  // The enlarged heart reaches into the lung fields on both sides of the normal silhouette.
  Cardiomegaly: (z) => boxMean(z, 0.3, 0.6, 0, 0.4) + boxMean(z, -0.35, -0.15, 0.05, 0.4),
  // Fluid fills a costophrenic angle: the brighter of the two lower lateral lung corners.
  'Pleural Effusion': (z) =>
    Math.max(boxMean(z, -0.75, -0.4, 0.3, 0.6), boxMean(z, 0.4, 0.75, 0.3, 0.6)),
  // Bat-wing haze: both perihilar regions brighten.
  Edema: (z) => boxMean(z, -0.45, -0.1, -0.25, 0.25) + boxMean(z, 0.15, 0.5, -0.25, 0.25),
  // One lobe turns white: the brightest of six lung zones, relative to the zones' average.
  Consolidation: (z) => {
    const zones = [-0.7, 0.15].flatMap((u0) =>
      LUNG_ZONES.map(([v0, v1]) => boxMean(z, u0, u0 + 0.55, v0, v1)),
    );
    return Math.max(...zones) - zones.reduce((a, b) => a + b, 0) / zones.length;
  },
  // Volume loss on one side (raised dome, bands, shift): the lower lung zones become asymmetric.
  Atelectasis: (z) => Math.abs(boxMean(z, -0.7, -0.15, 0.1, 0.5) - boxMean(z, 0.15, 0.7, 0.1, 0.5)),
};

/** Cohen's convention: 0.8 is a large effect; the two global findings must be far clearer. */
const MINIMUM_EFFECT: Record<Finding, number> = {
  Atelectasis: 0.8,
  Cardiomegaly: 2.5,
  Consolidation: 0.8,
  Edema: 2.5,
  'Pleural Effusion': 0.8,
};

function cohensD(positive: number[], negative: number[]): number {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = (xs: number[]) =>
    xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1);
  return (
    (mean(positive) - mean(negative)) / Math.sqrt((variance(positive) + variance(negative)) / 2)
  );
}

/** Half the images show `finding` alone, half show nothing; one frontal image per patient. */
function effectSize(site: PhantomSite, finding: Finding): number {
  const prevalence = Object.fromEntries(
    FINDINGS.map((other) => [other, other === finding ? 0.5 : 0]),
  );
  const positive: number[] = [];
  const negative: number[] = [];
  const records = generatePhantomDataset({
    seed: 51,
    patients: 100,
    site,
    prevalence,
    uncertainRate: 0,
    studiesPerPatient: [1, 1],
    imagesPerStudy: [1, 1],
  });
  for (const record of records) {
    const image = standardize(renderPhantomValues(record, { width: SIZE, height: SIZE }).values);
    (record.findings[finding] === undefined ? negative : positive).push(STATISTICS[finding](image));
  }
  expect(Math.min(positive.length, negative.length)).toBeGreaterThan(30);
  return cohensD(positive, negative);
}

describe.each(['chexpert', 'chestxray14'] as const)('findings at 64 px on the %s site', (site) => {
  it.each(FINDINGS)('%s changes its image statistic by a large effect size', (finding) => {
    expect(effectSize(site, finding)).toBeGreaterThan(MINIMUM_EFFECT[finding]);
  });
});
