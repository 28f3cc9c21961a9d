import { describe, expect, it } from 'vitest';
import { formatFraction, formatMeanSd, formatPValue, variantLabel } from './format';
import { buildReport } from './report';
import { reportToCsv } from './report-csv';
import { parseRunRecords } from './report-input';
import { reportToMarkdown } from './report-markdown';
import type { RunRecord } from './report-types';
import { summarize } from './stats';

const LABELS = ['Shoulder', 'Other'];

function run(procedure: string, seed: number, meanAuc: number, extra: Partial<RunRecord> = {}) {
  return {
    dataset: 'mura',
    backbone: 'resnet18',
    procedure,
    seed,
    labels: LABELS,
    perLabelAuc: [meanAuc, meanAuc],
    meanAuc,
    ...extra,
  } satisfies RunRecord;
}

/** The Markdown table row that starts with the given cells. */
function rowOf(markdown: string, ...cells: string[]): string | undefined {
  return markdown.split('\n').find((line) => line.startsWith(`| ${cells.join(' | ')} |`));
}

describe('degenerate comparisons never print NaN', () => {
  const runs = [
    ...[0, 1, 2].map((seed) => run('Baseline', seed, 0.7 + seed / 100)),
    // Identical to the baseline on every seed: no difference at all.
    ...[0, 1, 2].map((seed) =>
      run('Color Module', seed, 0.7 + seed / 100, { colorizer: 'coloru' }),
    ),
    ...[0, 1].map((seed) => run('Baseline All', seed, 0.75)),
    // Exactly 0.125 above the baseline on both seeds: zero spread, t infinite.
    ...[0, 1].map((seed) => run('All', seed, 0.875, { colorizer: 'coloru' })),
  ];
  const report = buildReport(runs);
  const markdown = reportToMarkdown(report);

  it('reports identical paired values as p = 1, inside the BH family', () => {
    const identical = report.comparisons.find((c) => c.treatment.procedure === 'Color Module');
    expect(identical?.test).toMatchObject({ status: 'no-difference', p: 1 });
    expect(identical?.adjustedP).toBe(1);
    expect(
      rowOf(markdown, 'MURA', 'ResNet18', '100%', 'ColorU Color Module vs Baseline'),
    ).toContain('| 0.00 | 0.00 | 1.000 (identical runs) | 1.000 | no |');
  });

  it('reports a constant non-zero difference as such, outside the BH family', () => {
    const constant = report.comparisons.find((c) => c.treatment.procedure === 'All');
    expect(constant?.test.status).toBe('constant-difference');
    expect(constant?.adjustedP).toBeNaN();
    expect(rowOf(markdown, 'MURA', 'ResNet18', '100%', 'ColorU All vs Baseline All')).toContain(
      '| +12.50 | +∞ | constant difference | — | n/a |',
    );
  });

  it('keeps NaN out of Markdown and CSV', () => {
    for (const text of [markdown, ...Object.values(reportToCsv(report))]) {
      expect(text).not.toMatch(/NaN/);
    }
    expect(reportToCsv(report).comparisons).toContain(
      ',constant-difference,2,0,0.125,0,inf,1,,,false',
    );
  });
});

describe('undefined AUCs and missing cells', () => {
  const runs = [
    run('Baseline', 0, 0.7, { perLabelAuc: [0.7, Number.NaN] }),
    run('Baseline', 1, 0.72, { perLabelAuc: [0.72, 0.8] }),
    run('Color Module', 0, 0.75, { colorizer: 'pixelshuffle', perLabelAuc: [0.75, Number.NaN] }),
    run('Baseline', 0, 0.6, { backbone: 'densenet121' }),
  ];
  const markdown = reportToMarkdown(buildReport(runs));

  it('says "undefined" when no run defines a label, and counts partly undefined cells', () => {
    expect(rowOf(markdown, 'ResNet18', 'PixelShuffle', 'Color Module')).toBe(
      '| ResNet18 | PixelShuffle | Color Module | 75.0 (1 run) | undefined |',
    );
    expect(rowOf(markdown, 'ResNet18', '—', 'Baseline')).toBe(
      '| ResNet18 | — | Baseline | 71.0 ± 1.4 | 80.0 (1 run) (1 undefined) |',
    );
  });

  it('prints "—" where a backbone has no run of a strategy', () => {
    expect(rowOf(markdown, 'PixelShuffle', 'Color Module')).toBe(
      '| PixelShuffle | Color Module | 75.0 (1 run) | — |',
    );
  });
});

describe('report options and guards', () => {
  it('takes the primary dataset, custom comparisons and alpha from the options', () => {
    const runs = [
      ...[0, 1, 2].map((seed) =>
        run('Color Module', seed, 0.8 + seed / 50, { colorizer: 'coloru' }),
      ),
      ...[0, 1, 2].map((seed) =>
        run('Color Module', seed, 0.79 + seed / 49, { colorizer: 'pixelshuffle' }),
      ),
      run('Baseline', 0, 0.7, { dataset: 'chexpert' }),
    ];
    const report = buildReport(runs, {
      primaryDataset: 'mura',
      alpha: 0.15,
      comparisons: [
        {
          treatment: { procedure: 'Color Module', colorizer: 'coloru' },
          control: { procedure: 'Color Module', colorizer: 'pixelshuffle' },
        },
      ],
    });
    expect(report.tableI.rows).toHaveLength(2);
    expect(report.tableIII.map((block) => block.dataset)).toEqual(['chexpert']);
    expect(report.comparisons).toHaveLength(1);
    expect(report.alpha).toBe(0.15);
  });

  it('refuses two runs with the same seed and draw for one strategy', () => {
    expect(() =>
      buildReport([
        run('Color Module', 0, 0.8),
        run('Color Module', 0, 0.81),
        run('Baseline', 0, 0.7),
      ]),
    ).toThrow(/two runs of Color Module/);
  });

  it('pairs data-size runs by subset draw as well as seed', () => {
    const subset = (procedure: string, draw: number, auc: number) =>
      run(procedure, 0, auc, { subsetFraction: 0.01, subsetDraw: draw });
    const report = buildReport(
      [0, 1, 2].flatMap((d) => [
        subset('Baseline', d, 0.6 + d / 40),
        subset('Color Module', d, 0.65 + d / 30),
      ]),
    );
    expect(report.comparisons[0]?.test.n).toBe(3);
    expect(report.comparisons[0]?.subsetFraction).toBe(0.01);
  });
});

describe('parseRunRecords', () => {
  it('turns null AUCs back into NaN and keeps optional fields', () => {
    const [parsed] = parseRunRecords({
      runs: [
        { ...run('Last Layer', 3, 0.6, { trainSource: 'chexpert' }), perLabelAuc: [0.6, null] },
      ],
    });
    expect(parsed?.perLabelAuc[1]).toBeNaN();
    expect(parsed?.trainSource).toBe('chexpert');
    expect(parsed).not.toHaveProperty('subsetFraction');
  });

  it('names the record that is wrong', () => {
    expect(() =>
      parseRunRecords([run('Baseline', 0, 0.7), { ...run('Baseline', 1, 0.7), seed: '1' }]),
    ).toThrow('run record 1: seed must be a number');
    expect(() => parseRunRecords([{ ...run('Baseline', 0, 0.7), perLabelAuc: [0.7] }])).toThrow(
      /one entry per label/,
    );
    expect(() => parseRunRecords({ results: [] })).toThrow(/expected an array/);
  });
});

describe('formatting helpers', () => {
  it('prints AUC ×100 with one decimal, as the paper does', () => {
    expect(formatMeanSd(summarize([0.831, 0.834, 0.837]))).toBe('83.4 ± 0.3');
    expect(formatMeanSd(summarize([]))).toBe('—');
    expect(formatMeanSd(summarize([Number.NaN]))).toBe('undefined');
  });

  it('prints p-values, fractions and variant names', () => {
    expect([formatPValue(0.0372), formatPValue(2.5e-12), formatPValue(Number.NaN)]).toEqual([
      '0.037',
      '2.5e-12',
      '—',
    ]);
    expect([1, 0.1, 0.005, 0.001].map(formatFraction)).toEqual(['100%', '10%', '0.5%', '0.1%']);
    expect(
      variantLabel({ procedure: 'All', colorizer: 'pixelshuffle', trainSource: 'chexpert' }),
    ).toBe('PixelShuffle All (from CheXpert)');
  });
});
