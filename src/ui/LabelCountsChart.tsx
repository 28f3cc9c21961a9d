// Per-label counts of a dropped dataset, as its label files say (before any split): positive,
// negative, and masked (U-Ignore) targets, plus how many were written as uncertain.
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
import type { LabelCount } from '../worker/ingest-protocol';

/** Names the figure and the chart's focusable surface (recharts' keyboard layer), which has no
 *  name of its own. */
const CHART_NAME = 'Label counts of the dropped dataset';

export function LabelCountsChart({ counts }: { counts: readonly LabelCount[] }) {
  return (
    <figure aria-label={CHART_NAME}>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={[...counts]} title={CHART_NAME}>
          <CartesianGrid strokeDasharray="3 3" stroke="#2c3642" />
          <XAxis dataKey="label" stroke="#9aa7b4" />
          <YAxis allowDecimals={false} stroke="#9aa7b4" />
          <Tooltip contentStyle={{ background: '#1e2630' }} />
          <Legend />
          <Bar dataKey="positive" stackId="t" fill="#d46f8f" isAnimationActive={false} />
          <Bar dataKey="negative" stackId="t" fill="#4f9dde" isAnimationActive={false} />
          <Bar dataKey="ignored" stackId="t" fill="#6b7785" isAnimationActive={false} />
          <Bar dataKey="uncertain" fill="#e0a64f" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="hint">
        {counts
          .map((c) => `${c.label}: ${c.positive} positive, ${c.negative} negative`)
          .join(' · ')}
      </figcaption>
    </figure>
  );
}
