// Time left and durations for the progress bar.
import { expect, it } from 'vitest';
import { formatDuration, timeLeftSeconds } from './training';

const progress = { stage: 'colorModule', loss: 1, lr: 0, momentum: 0 } as const;

it('estimates time left from the steps timed since the first one seen', () => {
  const p = { ...progress, step: 5, totalSteps: 25, firstStep: 1, firstAt: 0, lastAt: 8000 };
  expect(timeLeftSeconds(p)).toBeCloseTo(40); // 2 s per step × 20 steps
  expect(timeLeftSeconds({ ...p, step: 1 })).toBeNull();
});

it('formats durations', () => {
  expect(formatDuration(12.4)).toBe('12 s');
  expect(formatDuration(185)).toBe('3 min 05 s');
  expect(formatDuration(3720)).toBe('1 h 02 min');
});
