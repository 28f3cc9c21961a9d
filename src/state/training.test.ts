// Rate, time left and durations for the progress bar.
import { expect, it } from 'vitest';
import { formatDuration, stepsPerSecond, timeLeftSeconds } from './training';

const progress = {
  stage: 'colorModule',
  loss: 1,
  lr: 0,
  momentum: 0,
  imagesPerStep: 16,
  validating: null,
} as const;

it('measures the rate between the oldest and newest commit of the window', () => {
  // Steps 2..10 took 16 s, a validation pause included: 2 s per step, 20 steps left.
  const samples = [
    { step: 2, at: 1000 },
    { step: 6, at: 5000 },
    { step: 10, at: 17000 },
  ];
  const p = { ...progress, step: 10, totalSteps: 30, samples };
  expect(stepsPerSecond(p)).toBeCloseTo(0.5);
  expect(timeLeftSeconds(p)).toBeCloseTo(40);
});

it('has no rate (and no time left) before two commits', () => {
  const p = { ...progress, step: 2, totalSteps: 8, samples: [{ step: 2, at: 1000 }] };
  expect(stepsPerSecond(p)).toBeNull();
  expect(timeLeftSeconds(p)).toBeNull();
});

it('formats durations', () => {
  expect(formatDuration(12.4)).toBe('12 s');
  expect(formatDuration(185)).toBe('3 min 05 s');
  expect(formatDuration(3720)).toBe('1 h 02 min');
});
