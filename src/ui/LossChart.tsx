// The live training loss. Subscribes to the loss points alone, which the event router commits a
// few times a second, so the rest of the studio does not re-render per step. The plot redraws in
// a background render (useDeferredValue) at a fixed number of points (downsample.ts): a redraw
// never shares a task with the caption, and costs the same however long the run.
import { memo, useDeferredValue, useMemo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { LossPoint } from '../state/curves';
import { downsampleMinMax, MAX_DRAWN_POINTS } from '../state/downsample';
import { selectLoss } from '../state/selectors';
import { useStudio } from '../state/store';
import { seriesColor, tooltipProps, useChartPalette } from './theme';

/** Names the figure and the chart's focusable surface (recharts' keyboard layer), which has no
 *  name of its own. */
const CHART_NAME = 'Training loss';

export function LossChart() {
  const loss = useStudio(selectLoss);
  const drawn = useDeferredValue(loss);
  const last = loss.at(-1);
  return (
    <figure className="chart" aria-label={CHART_NAME} data-points={loss.length}>
      <figcaption>
        Training loss
        {last
          ? ` — ${last.loss.toFixed(4)} at step ${last.step} (${loss.length} points)`
          : ' — no steps yet'}
      </figcaption>
      <LossPlot loss={drawn} />
    </figure>
  );
}

/** Memoized: the caption's urgent render leaves the plot alone until the deferred one. */
const LossPlot = memo(function LossPlot({ loss }: { loss: LossPoint[] }) {
  const palette = useChartPalette();
  const points = useMemo(() => downsampleMinMax(loss, MAX_DRAWN_POINTS, (p) => p.loss), [loss]);
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={points} title={CHART_NAME}>
        <CartesianGrid strokeDasharray="3 3" stroke={palette.grid} />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} stroke={palette.axis} />
        <YAxis stroke={palette.axis} domain={['auto', 'auto']} />
        <Tooltip {...tooltipProps(palette, 4)} />
        <Line
          dataKey="loss"
          stroke={seriesColor(palette, 0)}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
});
