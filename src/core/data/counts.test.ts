import { describe, expect, it } from 'vitest';
import { describeLabelCounts, labelCounts, oneClassWarnings } from './counts';

describe('labelCounts', () => {
  it('counts training targets, and the raw uncertain / unmentioned annotations beside them', () => {
    const counts = labelCounts({
      labels: ['Edema', 'Mass'],
      items: [
        { path: 'a', patientId: 'a', target: [1, 0], mask: [1, 1], raw: [-1, Number.NaN] }, // U-Ones
        { path: 'b', patientId: 'b', target: [0, 0], mask: [0, 1], raw: [-1, 0] }, // U-Ignore
        { path: 'c', patientId: 'c', target: [1, 1], mask: [1, 1], raw: [1, 1] },
        { path: 'd', patientId: 'd', target: [0, 1], mask: [1, 1] }, // a format without raw cells
      ],
    });
    expect(counts).toEqual([
      { label: 'Edema', positive: 2, negative: 1, ignored: 1, uncertain: 2, notMentioned: 0 },
      { label: 'Mass', positive: 2, negative: 2, ignored: 0, uncertain: 0, notMentioned: 1 },
    ]);
  });
});

it('warns of every label with one class on a scored side, naming the class and the side', () => {
  const labels = ['Edema', 'Consolidation'];
  const splits = [
    { split: 'train', positives: [0, 3], negatives: [5, 0] }, // train is not scored: no warning
    { split: 'valid', positives: [2, 0], negatives: [4, 6] },
    { split: 'test', positives: [3, 2], negatives: [0, 1] },
  ];
  expect(oneClassWarnings(labels, splits)).toEqual([
    'Consolidation has no positive in valid: its AUC is undefined there.',
    'Edema has no negative in test: its AUC is undefined there.',
  ]);
});

describe('describeLabelCounts', () => {
  const count = (label: string, positive: number, negative: number, ignored = 0) => ({
    label,
    positive,
    negative,
    ignored,
    uncertain: ignored,
    notMentioned: 0,
  });
  it('names both classes of a binary label, as a clinician reads them', () => {
    expect(describeLabelCounts(300, [count('PNEUMONIA', 150, 150)], 'NORMAL')).toBe(
      '300 images: 150 PNEUMONIA, 150 NORMAL',
    );
    expect(describeLabelCounts(1200, [count('Effusion', 200, 1000)])).toBe(
      '1,200 images: 200 Effusion, 1,000 without Effusion',
    );
  });
  it("lists each finding's positives and the uncertain ones left out", () => {
    const counts = [count('Atelectasis', 33376, 150000, 40038), count('Edema', 52246, 171168)];
    expect(describeLabelCounts(223414, counts)).toBe(
      '223,414 images; positive for: Atelectasis 33,376, 40,038 uncertain (left out); Edema 52,246',
    );
  });
});
