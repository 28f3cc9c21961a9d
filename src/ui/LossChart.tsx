// The live training loss. Subscribes to the loss points alone, which the event router commits a
// few times a second, so the rest of the studio does not re-render per step.
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { selectLoss } from '../state/selectors';
import { useStudio } from '../state/store';
import { seriesColor, useChartPalette } from './theme';

/** Names the figure and the chart's focusable surface (recharts' keyboard layer), which has no
 *  name of its own. */
const CHART_NAME = 'Training loss';

export function LossChart() {
  const palette = useChartPalette();
  const loss = useStudio(selectLoss);
  const last = loss.at(-1);
  return (
    <figure className="chart" aria-label={CHART_NAME} data-points={loss.length}>
      <figcaption>
        Training loss
        {last
          ? ` — ${last.loss.toFixed(4)} at step ${last.step} (${loss.length} points)`
          : ' — no steps yet'}
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={loss} title={CHART_NAME}>
          <CartesianGrid strokeDasharray="3 3" stroke={palette.grid} />
          <XAxis
            dataKey="step"
            type="number"
            domain={['dataMin', 'dataMax']}
            stroke={palette.axis}
          />
          <YAxis stroke={palette.axis} domain={['auto', 'auto']} />
          <Tooltip contentStyle={{ background: palette.tooltipBackground }} />
          <Line
            dataKey="loss"
            stroke={seriesColor(palette, 0)}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
