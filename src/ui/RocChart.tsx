// ROC curves on the test split for one label (a select): each stage run as a thin line, the
// vertical average of each procedure's runs as a thick one, chance as a dashed diagonal.
import { useMemo, useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import { rocGroups, rocLabels } from '../state/roc';
import type { RunHistoryEntry } from '../worker/protocol';
import { SelectField } from './fields';
import { seriesColor, useChartPalette } from './theme';

const CHANCE = [
  { fpr: 0, tpr: 0 },
  { fpr: 1, tpr: 1 },
];

export function RocChart({ runs }: { runs: readonly RunHistoryEntry[] }) {
  const palette = useChartPalette();
  const labels = useMemo(() => rocLabels(runs), [runs]);
  const [picked, setPicked] = useState<string | null>(null);
  const label = picked !== null && labels.includes(picked) ? picked : (labels[0] ?? '');
  const groups = useMemo(() => rocGroups(runs, label), [runs, label]);
  // Names the figure and the chart's focusable surface (recharts' keyboard layer).
  const chartName = `ROC curves for ${label}`;
  return (
    <section className="card roc" aria-label="ROC curves">
      <h3>ROC curves on the test split</h3>
      <SelectField
        label="Label"
        value={label}
        options={labels.map((l) => [l, l] as const)}
        onChange={setPicked}
        hint="Thin lines: one stage run each. Thick: the procedure's runs averaged (TPR at fixed FPR)."
      />
      {groups.length === 0 ? (
        <p className="hint">
          No run has a ROC curve for {label}: the test split holds one class only.
        </p>
      ) : null}
      <figure className="chart" aria-label={chartName} data-groups={groups.length}>
        <ResponsiveContainer width="100%" height={340}>
          <LineChart title={chartName}>
            <CartesianGrid strokeDasharray="3 3" stroke={palette.grid} />
            <XAxis
              dataKey="fpr"
              type="number"
              domain={[0, 1]}
              stroke={palette.axis}
              label={{ value: 'false-positive rate', position: 'insideBottom', offset: -2 }}
            />
            <YAxis
              dataKey="tpr"
              type="number"
              domain={[0, 1]}
              stroke={palette.axis}
              label={{ value: 'true-positive rate', angle: -90, position: 'insideLeft' }}
            />
            <Legend verticalAlign="top" />
            <Line
              data={CHANCE}
              dataKey="tpr"
              name="chance"
              stroke={palette.axis}
              strokeDasharray="4 4"
              dot={false}
              legendType="none"
              isAnimationActive={false}
            />
            {groups.flatMap((group, g) => {
              const color = seriesColor(palette, g);
              return [
                ...group.runs.map((run) => (
                  <Line
                    key={run.id}
                    data={run.points}
                    dataKey="tpr"
                    name={`${group.title} · seed ${run.seed}`}
                    stroke={color}
                    strokeOpacity={0.45}
                    dot={false}
                    legendType="none"
                    isAnimationActive={false}
                  />
                )),
                <Line
                  key={`${group.title} mean`}
                  data={group.mean}
                  dataKey="tpr"
                  name={`${group.title} (mean of ${group.runs.length})`}
                  stroke={color}
                  strokeWidth={3}
                  dot={false}
                  isAnimationActive={false}
                />,
              ];
            })}
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </section>
  );
}
