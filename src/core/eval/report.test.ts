import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReport } from './report';
import { reportToCsv } from './report-csv';
import { parseRunRecords } from './report-input';
import { reportToMarkdown } from './report-markdown';
import type { Comparison, Variant } from './report-types';

interface RawRun {
  dataset: string;
  backbone: string;
  procedure: string;
  seed: number;
  colorizer?: string;
  trainSource?: string;
  subsetFraction?: number;
  labels: string[];
  perLabelAuc: number[];
  meanAuc: number;
}
interface ExpectedVariant {
  procedure: string;
  colorizer: string | null;
  trainSource: string | null;
}
interface ExpectedCell extends ExpectedVariant {
  dataset: string;
  backbone: string;
  fraction: number;
  n: number;
  mean: number;
  sd: number | null;
  min: number;
  max: number;
}
interface ExpectedComparison {
  dataset: string;
  backbone: string;
  fraction: number;
  treatment: ExpectedVariant;
  control: ExpectedVariant;
  n: number;
  status: string;
  t: number | null;
  p: number | null;
  adjustedP?: number;
}

// Fake-but-plausible runs and their statistics from numpy, SciPy ttest_rel and statsmodels fdr_bh:
// scripts/fixtures/gen_eval_fixtures.py.
const load = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/eval/${name}`, import.meta.url), 'utf8'));
const rawRuns = (load('runs.json') as { runs: RawRun[] }).runs;
const expected = load('report-expected.json') as {
  cells: ExpectedCell[];
  comparisons: ExpectedComparison[];
};

const report = buildReport(parseRunRecords(load('runs.json')));
const markdown = reportToMarkdown(report);

/** The Markdown lines of the section whose heading starts with `title`. */
function section(title: string): string[] {
  const blocks = markdown.split('\n\n');
  const heading = blocks.findIndex((block) => block.startsWith(`## ${title}`));
  return (blocks[heading + 1] ?? '').split('\n');
}
const firstCells = (line: string, count: number) =>
  line.split(' | ').slice(0, count).join(' | ').replace('| ', '');

const variantId = (v: Variant | ExpectedVariant) =>
  [v.procedure, v.colorizer ?? null, v.trainSource ?? null].join('/');
const relativeError = (actual: number, want: number) => Math.abs(actual - want) / Math.abs(want);

function expectedCell(dataset: string, backbone: string, fraction: number, variant: Variant) {
  const cell = expected.cells.find(
    (c) =>
      c.dataset === dataset &&
      c.backbone === backbone &&
      c.fraction === fraction &&
      variantId(c) === variantId(variant),
  );
  if (cell === undefined) throw new Error(`no reference for ${dataset} ${variantId(variant)}`);
  return cell;
}

describe('Table I: procedures × backbones on the primary dataset', () => {
  it('has the paper layout: strategies in its order, one column per backbone', () => {
    const lines = section('Table I');
    expect(report.primaryDataset).toBe('chexpert');
    expect(lines[0]).toBe('| Colorization Module | Learning Strategy | ResNet18 | DenseNet121 |');
    expect(lines.slice(2).map((line) => firstCells(line, 2))).toEqual([
      '— | Baseline',
      'PixelShuffle | Color Module',
      '— | Baseline All',
      'PixelShuffle | All',
    ]);
  });

  it('shows mean ± sd of the ResNet18 Baseline runs, computed here by hand', () => {
    const values = rawRuns
      .filter(
        (r) =>
          r.dataset === 'chexpert' &&
          r.backbone === 'resnet18' &&
          r.procedure === 'Baseline' &&
          r.subsetFraction === undefined,
      )
      .map((r) => r.meanAuc);
    expect(values).toHaveLength(3);
    const [x0, x1, x2] = values as [number, number, number];
    const handMean = (x0 + x1 + x2) / 3;
    const handSd = Math.sqrt(
      ((x0 - handMean) ** 2 + (x1 - handMean) ** 2 + (x2 - handMean) ** 2) / 2,
    );
    const cell = report.tableI.rows[0]?.cells[0];
    expect(cell?.mean).toBeCloseTo(handMean, 14);
    expect(cell?.sd).toBeCloseTo(handSd, 14);
    const text = `${(handMean * 100).toFixed(1)} ± ${(handSd * 100).toFixed(1)}`;
    expect(section('Table I')[2]).toContain(`| ${text} |`);
  });

  it('matches numpy (ddof = 1) in every cell', () => {
    for (const row of report.tableI.rows) {
      row.cells.forEach((cell, i) => {
        const backbone = report.tableI.backbones[i] as string;
        const want = expectedCell('chexpert', backbone, 1, row.variant);
        expect(cell.n).toBe(want.n);
        expect(relativeError(cell.mean, want.mean)).toBeLessThan(1e-12);
        expect(relativeError(cell.sd, want.sd as number)).toBeLessThan(1e-9);
      });
    }
  });
});

describe('Table II: per-label AUC per procedure', () => {
  it('has one column per label and one row per backbone and strategy', () => {
    const lines = section('Table II');
    expect(lines[0]).toBe(
      '| Backbone | Colorization Module | Learning Strategy | Atelectasis | Cardiomegaly | ' +
        'Consolidation | Edema | Pleural Effusion |',
    );
    expect(lines).toHaveLength(2 + 8);
    expect(firstCells(lines[9] as string, 3)).toBe('DenseNet121 | PixelShuffle | All');
  });

  it('averages the Edema AUC of the DenseNet121 All runs', () => {
    const edema = rawRuns
      .filter(
        (r) =>
          r.dataset === 'chexpert' &&
          r.backbone === 'densenet121' &&
          r.procedure === 'All' &&
          r.subsetFraction === undefined,
      )
      .map((r) => r.perLabelAuc[r.labels.indexOf('Edema')] as number);
    const row = report.tableII.rows.find(
      (r) => r.backbone === 'densenet121' && r.variant.procedure === 'All',
    );
    const cell = row?.cells[report.tableII.labels.indexOf('Edema')];
    expect(cell?.mean).toBeCloseTo(edema.reduce((a, b) => a + b, 0) / edema.length, 14);
  });
});

describe('Table III: transfer across datasets', () => {
  it('lists the ChestX-ray14 strategies as the paper does, with where T and E came from', () => {
    expect(report.tableIII.map((block) => block.dataset)).toEqual(['chestxray14']);
    const lines = section('Table III');
    expect(lines[0]).toBe(
      '| Dataset | Colorization Module | Transferred From | Learning Strategy | ResNet18 |',
    );
    expect(lines.slice(2).map((line) => firstCells(line, 4))).toEqual([
      'ChestX-ray14 | — | — | Baseline',
      'ChestX-ray14 | PixelShuffle | CheXpert | Last Layer',
      'ChestX-ray14 | PixelShuffle | — | Color Module',
      'ChestX-ray14 | — | — | Baseline All',
      'ChestX-ray14 | PixelShuffle | — | All',
      'ChestX-ray14 | PixelShuffle | CheXpert | Transfer All',
    ]);
    expect(lines[4]).toMatch(/\| \d+\.\d \(1 run\) \|$/);
  });

  it('matches numpy in every cell', () => {
    for (const row of report.tableIII[0]?.rows ?? []) {
      const want = expectedCell('chestxray14', 'resnet18', 1, row.variant);
      expect(relativeError(row.cells[0]?.mean as number, want.mean)).toBeLessThan(1e-12);
      if (want.sd === null) expect(row.cells[0]?.sd).toBeNaN();
      else expect(relativeError(row.cells[0]?.sd as number, want.sd)).toBeLessThan(1e-9);
    }
  });
});

describe('Fig. 6: AUC against training-set size', () => {
  it('has one series per strategy with mean, sd, min and max per fraction', () => {
    expect(report.dataSizeCurves.map((s) => s.variant.procedure)).toEqual([
      'Baseline',
      'Color Module',
      'Baseline All',
      'All',
    ]);
    for (const series of report.dataSizeCurves) {
      expect(series.points.map((p) => p.subsetFraction)).toEqual([0.001, 0.01, 0.1, 1]);
      for (const { subsetFraction, summary } of series.points) {
        const want = expectedCell('chexpert', 'resnet18', subsetFraction, series.variant);
        expect(summary.n).toBe(3);
        expect(relativeError(summary.mean, want.mean)).toBeLessThan(1e-12);
        expect(relativeError(summary.sd, want.sd as number)).toBeLessThan(1e-9);
        expect([summary.min, summary.max]).toEqual([want.min, want.max]);
      }
    }
    expect(section('Fig. 6')[0]).toContain('| 0.1% | 1% | 10% | 100% |');
  });
});

describe('comparisons: paired t-test and Benjamini–Hochberg', () => {
  const key = (c: Comparison | ExpectedComparison) =>
    [
      c.dataset,
      c.backbone,
      'subsetFraction' in c ? c.subsetFraction : c.fraction,
      variantId(c.treatment),
      variantId(c.control),
    ].join(' ');
  const reference = new Map(expected.comparisons.map((c) => [key(c), c]));

  it('runs exactly the comparisons the reference script derives from the paper', () => {
    expect(report.comparisons.map(key).sort()).toEqual([...reference.keys()].sort());
  });

  it('matches SciPy ttest_rel and statsmodels fdr_bh to 1e-9', () => {
    for (const comparison of report.comparisons) {
      const want = reference.get(key(comparison)) as ExpectedComparison;
      expect(comparison.test.status).toBe(want.status);
      expect(comparison.test.n).toBe(want.n);
      if (want.p === null || want.t === null || want.adjustedP === undefined) continue;
      expect(relativeError(comparison.test.t, want.t)).toBeLessThan(1e-9);
      expect(relativeError(comparison.test.p, want.p)).toBeLessThan(1e-9);
      expect(relativeError(comparison.adjustedP, want.adjustedP)).toBeLessThan(1e-9);
      expect(comparison.significant).toBe(want.adjustedP < 0.05);
    }
  });

  it('shows a single-run comparison as "not enough runs", outside the BH family', () => {
    const single = report.comparisons.find((c) => c.test.status === 'not-enough-runs');
    expect(single?.adjustedP).toBeNaN();
    expect(single?.significant).toBe(false);
    const line = section('Comparisons').find(
      (l) => l.includes('Color Module vs Baseline |') && l.includes('ChestX-ray14'),
    );
    expect(line).toContain('| not enough runs | — | n/a |');
  });
});

describe('output formats', () => {
  it('never prints NaN in Markdown or CSV', () => {
    const csv = reportToCsv(report);
    for (const text of [markdown, ...Object.values(csv)]) expect(text).not.toMatch(/NaN/);
  });

  it('writes long-format CSV with raw AUCs', () => {
    const lines = reportToCsv(report).tableI.split('\n');
    expect(lines[0]).toBe(
      'dataset,backbone,procedure,colorizer,train_source,n,undefined_runs,mean,sd,min,max',
    );
    expect(lines).toHaveLength(1 + 4 * 2);
    const cell = report.tableI.rows[0]?.cells[0];
    expect(lines[1]).toBe(
      `chexpert,resnet18,Baseline,,,3,0,${cell?.mean},${cell?.sd},${cell?.min},${cell?.max}`,
    );
  });

  it('is a plain object whose JSON keeps every table', () => {
    const json = JSON.parse(JSON.stringify(report)) as typeof report;
    expect(json.tableI.rows).toHaveLength(4);
    expect(json.comparisons).toHaveLength(report.comparisons.length);
    expect(json.tableIII[0]?.rows[2]?.cells[0]?.sd).toBeNull(); // NaN → null for the single run
  });
});
