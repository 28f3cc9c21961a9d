import { describe, expect, it } from 'vitest';
import { generatePhantomDataset } from './dataset';
import { chestLayout, domeV } from './layout';
import { FINDINGS } from './types';

const noFindings = Object.fromEntries(FINDINGS.map((finding) => [finding, 0]));
const records = (prevalence: Record<string, number>) => [
  ...generatePhantomDataset({
    seed: 41,
    patients: 150,
    site: 'chexpert',
    prevalence,
    studiesPerPatient: [1, 1],
  }),
];

describe('chestLayout', () => {
  it('gives normal hearts a cardiothoracic ratio about 0.45 and enlarged ones over 0.55', () => {
    const normal = records(noFindings).map((record) => chestLayout(record).ctr);
    expect(Math.min(...normal)).toBeGreaterThan(0.36);
    expect(Math.max(...normal)).toBeLessThan(0.5);
    const enlarged = records({ ...noFindings, Cardiomegaly: 1 }).map(
      (record) => chestLayout(record).ctr,
    );
    expect(Math.min(...enlarged)).toBeGreaterThan(0.55);
  });

  it("raises the collapsed side's hemidiaphragm and pulls the mediastinum towards it", () => {
    for (const record of records({ ...noFindings, Atelectasis: 1 }).slice(0, 40)) {
      const normal = chestLayout({ ...record, findings: {} });
      const collapsed = chestLayout(record);
      const side = collapsed.atelectasis?.side;
      const index = side === 'right' ? 0 : 1;
      const [before, after] = [normal.lungs[index], collapsed.lungs[index]];
      expect(after && before && domeV(after, after.cu) < domeV(before, before.cu) - 0.1).toBe(true);
      const pull = collapsed.mediastinumShift - normal.mediastinumShift;
      expect(side === 'right' ? pull < -0.02 : pull > 0.02).toBe(true);
    }
  });

  it("keeps a patient's anatomy from study to study", () => {
    const [a, b] = [
      ...generatePhantomDataset({
        seed: 42,
        patients: 1,
        site: 'chexpert',
        studiesPerPatient: [2, 2],
        prevalence: noFindings,
      }),
    ];
    expect(a && b && chestLayout(a).lungs).toEqual(a && b && chestLayout(b).lungs);
  });
});
