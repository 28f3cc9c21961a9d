// The report files the Results view offers are the runner's, byte for byte: written here by the
// runner's own writeReports for the same stage reports, then compared file by file.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { writeReports } from '../../scripts/experiment/cli';
import { runEntry } from '../../test/helpers/run-entries';
import { reportFiles, resultsOf } from './results';

const entries = [0, 1, 2].flatMap((seed) => [
  runEntry({
    procedure: 'Baseline',
    seed,
    perLabelAuc: [0.7 + seed / 50, 0.66],
    runIndex: 2 * seed,
  }),
  runEntry({
    procedure: 'Color Module',
    colorizer: 'coloru',
    seed,
    perLabelAuc: [0.74 + seed / 80, Number.NaN],
    runIndex: 2 * seed + 1,
  }),
  runEntry({
    procedure: 'Baseline',
    seed,
    perLabelAuc: [0.6, 0.61 + seed / 100],
    subsetFraction: 0.25,
    subsetDraw: 0,
    runIndex: 10 + seed,
  }),
]);

it('offers the files the runner writes, with the very same text', () => {
  const out = mkdtempSync(join(tmpdir(), 'results-files-'));
  writeReports(
    out,
    entries.map((e) => e.report),
    'config-hash', // only the run files carry it; the tables compared here do not
  );
  const { report, error } = resultsOf(entries, 'exp-1');
  expect(error).toBeNull();
  const files = reportFiles(report as NonNullable<typeof report>);
  expect(files.map((f) => f.name)).toEqual([
    'report.json',
    'report.md',
    'tableI.csv',
    'tableII.csv',
    'tableIII.csv',
    'dataSize.csv',
    'comparisons.csv',
  ]);
  for (const file of files) expect(file.text).toBe(readFileSync(join(out, file.name), 'utf8'));
  expect(files[1]?.text).toContain('## Fig. 6');
});

it('shows a record set the report refuses as an error, not a crash', () => {
  // Two Baseline runs with seed 0 beside a Color Module run: which one pairs is undefined.
  const [baseline, colorModule] = entries;
  if (!baseline || !colorModule) throw new Error('fixture');
  const twice = [baseline, colorModule, { ...baseline, id: 'exp-1/9/0', runIndex: 9 }];
  const results = resultsOf(twice, 'exp-1');
  expect(results.report).toBeNull();
  expect(results.error).toMatch(/cannot be built: two runs of Baseline .* seed 0/);
  expect(resultsOf(entries, 'other')).toEqual({ runs: [], report: null, error: null });
});
