// Validation AUC over the stage: the mean (thick) and one line per label. An undefined AUC (one
// class only in the validation split) is a gap and reads "undefined", never 0.5. The plot redraws
// in a background render (useDeferredValue), so a validation's point never shares a task with
// the caption.
import { memo, useDeferredValue } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { AucPoint } from '../state/curves';
import { selectAuc, selectCurveLabels } from '../state/selectors';
import { useStudio } from '../state/store';
import { labelColor, tooltipProps, useChartPalette } from './theme';

/** Names the figure and the chart's focusable surface (recharts' keyboard layer), which has no
 *  name of its own. */
const CHART_NAME = 'Validation AUC';

const auc = (value: number | null | undefined) =>
  value === null || value === undefined ? 'undefined' : value.toFixed(3);

export function AucChart() {
  const points = useStudio(selectAuc);
  const labels = useStudio(selectCurveLabels);
  const drawn = useDeferredValue(points);
  const drawnLabels = useDeferredValue(labels);
  const last = points.at(-1);
  return (
    <figure className="chart" aria-label={CHART_NAME} data-points={points.length}>
      <figcaption>
        Validation AUC
        {last ? (
          <>
            {' '}
            at step {last.step}: mean <output data-testid="mean-auc">{auc(last.mean)}</output>
            {labels.map((label) => ` · ${label} ${auc(last[label])}`).join('')}
          </>
        ) : (
          ' — no validation yet'
        )}
      </figcaption>
      <AucPlot points={drawn} labels={drawnLabels} />
    </figure>
  );
}

/** Memoized: the caption's urgent render leaves the plot alone until the deferred one. */
const AucPlot = memo(function AucPlot(props: { points: AucPoint[]; labels: string[] }) {
  const { points, labels } = props;
  const palette = useChartPalette();
  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart data={points} title={CHART_NAME}>
        <CartesianGrid strokeDasharray="3 3" stroke={palette.grid} />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} stroke={palette.axis} />
        <YAxis domain={[0, 1]} stroke={palette.axis} />
        <Tooltip {...tooltipProps(palette, 3)} />
        <Legend />
        <Line
          dataKey="mean"
          name="mean"
          stroke={palette.strong}
          strokeWidth={3}
          isAnimationActive={false}
        />
        {labels.map((label, i) => (
          <Line
            key={label}
            dataKey={label}
            stroke={labelColor(palette, i)}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
});
