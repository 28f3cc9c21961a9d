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
import { DeferredMount } from './DeferredMount';
import { seriesColor, tooltipProps, useChartPalette } from './theme';

/** Names the figure and the chart's focusable surface (recharts' keyboard layer), which has no
 *  name of its own. */
const CHART_NAME = 'Label counts of the dropped dataset';

export function LabelCountsChart({ counts }: { counts: readonly LabelCount[] }) {
  const palette = useChartPalette();
  return (
    <figure aria-label={CHART_NAME}>
      <DeferredMount height={220}>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={[...counts]} title={CHART_NAME}>
            <CartesianGrid strokeDasharray="3 3" stroke={palette.grid} />
            <XAxis dataKey="label" stroke={palette.axis} />
            <YAxis allowDecimals={false} stroke={palette.axis} />
            <Tooltip {...tooltipProps(palette, 0)} />
            <Legend />
            <Bar
              dataKey="positive"
              stackId="t"
              fill={seriesColor(palette, 3)}
              isAnimationActive={false}
            />
            <Bar
              dataKey="negative"
              stackId="t"
              fill={seriesColor(palette, 0)}
              isAnimationActive={false}
            />
            <Bar dataKey="ignored" stackId="t" fill={palette.axis} isAnimationActive={false} />
            <Bar dataKey="uncertain" fill={seriesColor(palette, 1)} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </DeferredMount>
      <figcaption className="hint">
        {counts
          .map((c) => `${c.label}: ${c.positive} positive, ${c.negative} negative`)
          .join(' · ')}
      </figcaption>
    </figure>
  );
}
