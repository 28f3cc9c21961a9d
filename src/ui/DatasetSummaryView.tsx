// The loaded dataset: images and patients per split, and positives per label per split as a bar
// chart with the same numbers in a table (the chart's text alternative).

import { useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { DEFAULT_SPLIT } from '../state/pure-core';
import { useStudio } from '../state/store';
import type { DatasetSummary } from '../worker/protocol';
import { useCommands } from './commands-context';
import { DeferredMount } from './DeferredMount';
import { NumberField } from './fields';
import { seriesColor, tooltipProps, useChartPalette } from './theme';

/** Names the figure and the chart's focusable surface (recharts' keyboard layer), which has no
 *  name of its own. */
const CHART_NAME = 'Positive images per label and split';

/** One record per label, one key per split: the shape recharts' grouped bars read. */
/** Train, valid, test: the palette's first three colours, in every theme. */
const SPLIT_SERIES = { train: 0, valid: 1, test: 2 } as const;

const count = (n: number) => n.toLocaleString('en-US');

function chartRows(summary: DatasetSummary) {
  return summary.labels.map((label, i) => {
    const row: Record<string, string | number> = { label };
    for (const split of summary.splits) row[split.split] = split.positives[i] ?? 0;
    return row;
  });
}

/** A dropped folder's patient split, drawn again with another seed (the cache stays). */
function SplitSeedControl({ warned }: { warned: boolean }) {
  const loaded = useStudio((s) => s.dataset.loaded);
  const busy = useStudio((s) => s.dataset.busy);
  const { redrawSplit } = useCommands();
  const current = loaded?.kind === 'cached' ? (loaded.splitSeed ?? DEFAULT_SPLIT.seed) : null;
  const [seed, setSeed] = useState(current ?? 0);
  if (current === null) return null;
  return (
    <div className="actions">
      <NumberField
        label="Split seed"
        value={seed}
        min={0}
        step={1}
        onChange={setSeed}
        hint={`Patients are split ${DEFAULT_SPLIT.train * 100} / ${DEFAULT_SPLIT.valid * 100} / ${DEFAULT_SPLIT.test * 100} % (an official valid or test side is kept); this split: seed ${current}.${warned ? ' Another seed may give every label both classes; else drop the label or bring more images.' : ''}`}
      />
      <button
        type="button"
        disabled={busy || seed === current}
        onClick={() => void redrawSplit(seed)}
      >
        Draw the split again
      </button>
    </div>
  );
}

export function DatasetSummaryView() {
  const palette = useChartPalette();
  const summary = useStudio((s) => s.dataset.summary);
  if (summary === null) return null;
  return (
    <section className="card" aria-labelledby="dataset-summary-title">
      <h3 id="dataset-summary-title">Loaded: {summary.name}</h3>
      {summary.warnings.length > 0 ? (
        <ul className="warnings" data-testid="dataset-warnings">
          {summary.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      ) : null}
      <SplitSeedControl warned={summary.warnings.length > 0} />
      <table>
        <caption>Images, patients and positives per label, by split</caption>
        <thead>
          <tr>
            <th scope="col">Split</th>
            <th scope="col">Images</th>
            <th scope="col">Patients</th>
            {summary.labels.map((label) => (
              <th scope="col" key={label}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.splits.map(({ split, images, patients, positives }) => (
            <tr key={split}>
              <th scope="row">{split}</th>
              <td>{count(images)}</td>
              <td>{count(patients)}</td>
              {positives.map((positive, i) => (
                <td key={summary.labels[i] ?? i}>{count(positive)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <figure aria-label={CHART_NAME}>
        <DeferredMount height={220}>
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={chartRows(summary)} title={CHART_NAME}>
              <CartesianGrid strokeDasharray="3 3" stroke={palette.grid} />
              <XAxis dataKey="label" stroke={palette.axis} />
              <YAxis allowDecimals={false} stroke={palette.axis} />
              <Tooltip {...tooltipProps(palette, 0)} />
              <Legend />
              {summary.splits.map(({ split }) => (
                <Bar
                  key={split}
                  dataKey={split}
                  fill={seriesColor(palette, SPLIT_SERIES[split])}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </DeferredMount>
      </figure>
    </section>
  );
}
