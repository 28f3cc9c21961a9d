// @vitest-environment jsdom
// The Results view from a synthetic experiment, two procedures × two seeds with known test AUCs:
// Table I shows each procedure's mean ± sd over the two seeds (computed by hand below), the
// comparison its p-value and verdict, the Markdown download is the runner's report for the same
// records, and deleting runs asks first.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { runEntry } from '../../test/helpers/run-entries';
import { buildReport } from '../core/eval/report';
import { reportToMarkdown } from '../core/eval/report-markdown';
import { createCommands, type Trainer } from '../state/commands';
import { patcher } from '../state/patch';
import { resetStudio, useStudio } from '../state/store';
import type { RunHistoryEntry } from '../worker/protocol';
import { CommandsContext, type StudioCommands } from './commands-context';
import { ResultsStep } from './ResultsStep';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

// Mean test AUC per seed (both labels equal, so the record's mean is exact).
const BASELINE = [0.7, 0.74];
const COLOR_MODULE = [0.78, 0.8];

const entries: RunHistoryEntry[] = [0, 1].flatMap((seed) => [
  runEntry({
    procedure: 'Baseline',
    seed,
    perLabelAuc: [BASELINE[seed] as number, BASELINE[seed] as number],
    runIndex: 2 * seed,
  }),
  runEntry({
    procedure: 'Color Module',
    colorizer: 'coloru',
    seed,
    perLabelAuc: [COLOR_MODULE[seed] as number, COLOR_MODULE[seed] as number],
    runIndex: 2 * seed + 1,
  }),
]);

/** mean ± sample sd (ddof 1) of two values, ×100 to one decimal: the sd of a pair is |a − b|/√2. */
const byHand = ([a, b]: number[]) =>
  `${(((a as number) + (b as number)) * 50).toFixed(1)} ± ${((Math.abs((a as number) - (b as number)) / Math.SQRT2) * 100).toFixed(1)}`;

let root: Root | null = null;
let container: HTMLDivElement;
const save = vi.fn();
const trainer = {
  listRuns: vi.fn(async () => ({ kind: 'runs' as const, id: 1, entries })),
  deleteRuns: vi.fn(async (ids: string[]) => ({
    kind: 'runs' as const,
    id: 2,
    entries: entries.filter((e) => !ids.includes(e.id)),
  })),
} as Partial<Trainer> as Trainer;

beforeEach(() => {
  resetStudio();
  save.mockClear();
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  act(() => root?.unmount());
  container.remove();
  root = null;
});

function mount(): void {
  const commands = createCommands(trainer, useStudio, save) as Partial<StudioCommands>;
  root = createRoot(container);
  act(() =>
    root?.render(
      <CommandsContext.Provider value={commands as StudioCommands}>
        <ResultsStep />
      </CommandsContext.Provider>,
    ),
  );
}

const button = (name: RegExp) => {
  const found = [...container.querySelectorAll('button')].find((b) => name.test(b.textContent));
  if (!found) throw new Error(`no button ${name}`);
  return found;
};

const rowOf = (table: Element | null, name: string) =>
  [...(table?.querySelectorAll('tbody tr') ?? [])]
    .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))
    .find((cells) => cells[1] === name);

it('says how to get results while the history is empty', () => {
  mount();
  expect(container.textContent).toContain('No results yet');
  expect(container.textContent).toContain('Compare');
});

it('shows both procedures with mean ± sd over two seeds, the p-value and the verdict', async () => {
  mount();
  await act(() => createCommands(trainer, useStudio, save).listRuns());
  const tableI = container.querySelector('table[data-section="tableI"]');
  expect(tableI?.querySelector('caption')?.textContent).toBe('Table I: mean AUC on Phantom');
  expect(byHand(BASELINE)).toBe('72.0 ± 2.8');
  expect(byHand(COLOR_MODULE)).toBe('79.0 ± 1.4');
  expect(rowOf(tableI, 'Baseline')).toEqual(['—', 'Baseline', byHand(BASELINE)]);
  expect(rowOf(tableI, 'Color Module')).toEqual(['ColorU', 'Color Module', byHand(COLOR_MODULE)]);
  // Differences 0.08 and 0.06: t = 7 on 1 df, p = 1 − 2·atan(7)/π = 0.090; one test, BH keeps it.
  const comparison = container.querySelector('table[data-section="comparisons"] tbody tr');
  const cells = [...(comparison?.querySelectorAll('td') ?? [])].map((td) => td.textContent);
  expect(cells.slice(3)).toEqual([
    'ColorU Color Module vs Baseline',
    '2',
    '+7.00',
    '7.00',
    '0.090',
    '0.090',
    'no',
  ]);
  expect(container.querySelector('.verdicts li')?.textContent).toBe(
    'ColorU Color Module − Baseline: +7.0 AUC points, p = 0.090, adjusted 0.090: not significant at 0.05',
  );
  expect(container.querySelectorAll('table.runs tbody tr')).toHaveLength(4);
  // Every run says whether E had ImageNet weights (these were random-initialized).
  const eColumn = [...container.querySelectorAll('table.runs tbody tr')].map(
    (tr) => tr.querySelectorAll('td')[4]?.textContent,
  );
  expect(eColumn).toEqual(Array(4).fill('NOT PRETRAINED'));
});

it("downloads the runner's Markdown report for the same records", () => {
  patcher(useStudio)('history', { entries });
  mount();
  act(() => button(/^Markdown/).click());
  const records = entries.map((e) => e.report.record);
  const expected = reportToMarkdown(buildReport(records));
  expect(save).toHaveBeenCalledWith('report.md', expected, 'text/markdown');
  expect(expected).toContain('| — | Baseline | 72.0 ± 2.8 |');
});

it('deletes the checked runs only after a confirmation, and Cancel keeps them', async () => {
  patcher(useStudio)('history', { entries });
  mount();
  const boxes = () => [...container.querySelectorAll<HTMLInputElement>('table.runs input')];
  expect(button(/Delete selected/).disabled).toBe(true);
  act(() => boxes()[1]?.click()); // run 1, Baseline, seed 0
  expect(button(/Delete selected \(1\)/).disabled).toBe(false);
  act(() => button(/Delete selected/).click());
  expect(container.querySelector('[role="alertdialog"]')?.textContent).toContain(
    'Delete 1 stage run',
  );
  expect(document.activeElement?.textContent).toBe('Cancel');
  act(() => button(/^Cancel$/).click());
  expect(container.querySelector('[role="alertdialog"]')).toBeNull();
  expect(trainer.deleteRuns).not.toHaveBeenCalled();
  act(() => button(/Delete selected/).click());
  await act(async () => button(/^Delete 1$/).click());
  expect(trainer.deleteRuns).toHaveBeenCalledWith(['exp-1/0/0']);
  expect(container.querySelectorAll('table.runs tbody tr')).toHaveLength(3);
});
