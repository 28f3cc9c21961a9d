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
import { NumberField } from './fields';

/** Names the figure and the chart's focusable surface (recharts' keyboard layer), which has no
 *  name of its own. */
const CHART_NAME = 'Positive images per label and split';

const SPLIT_COLORS = { train: '#4f9dde', valid: '#e0a64f', test: '#8bc98b' } as const;

/** One record per label, one key per split: the shape recharts' grouped bars read. */
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
              <td>{images}</td>
              <td>{patients}</td>
              {positives.map((count, i) => (
                <td key={summary.labels[i] ?? i}>{count}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <figure aria-label={CHART_NAME}>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={chartRows(summary)} title={CHART_NAME}>
            <CartesianGrid strokeDasharray="3 3" stroke="#2c3642" />
            <XAxis dataKey="label" stroke="#9aa7b4" />
            <YAxis allowDecimals={false} stroke="#9aa7b4" />
            <Tooltip contentStyle={{ background: '#1e2630' }} />
            <Legend />
            {summary.splits.map(({ split }) => (
              <Bar
                key={split}
                dataKey={split}
                fill={SPLIT_COLORS[split]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </section>
  );
}
