// Fig. 6: mean test AUC against the training-set fraction, one line per procedure (×100, as the
// tables print it). Drawn only when the experiment ran subsets.
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
import { type CurveSeries, displayName, formatFraction, variantLabel } from '../state/pure-core';
import { seriesColor, tooltipProps, useChartPalette } from './theme';

/** Names the figure and the chart's focusable surface (recharts' keyboard layer), which has no
 *  name of its own. */
const CHART_NAME = 'Fig. 6: mean AUC against training-set size';

const title = (series: CurveSeries) =>
  `${variantLabel(series.variant)} (${displayName(series.backbone)})`;

export function DataSizeChart({ curves }: { curves: readonly CurveSeries[] }) {
  const palette = useChartPalette();
  return (
    <figure className="chart" aria-label={CHART_NAME}>
      <figcaption>Fig. 6: mean test AUC (×100) against the fraction of the training set</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart title={CHART_NAME}>
          <CartesianGrid strokeDasharray="3 3" stroke={palette.grid} />
          <XAxis
            dataKey="fraction"
            type="number"
            scale="log"
            domain={['dataMin', 'dataMax']}
            tickFormatter={formatFraction}
            stroke={palette.axis}
            allowDataOverflow
          />
          <YAxis domain={['auto', 'auto']} stroke={palette.axis} />
          <Tooltip {...tooltipProps(palette, 1)} />
          <Legend />
          {curves.map((series, i) => (
            <Line
              key={title(series)}
              name={title(series)}
              data={series.points.map((p) => ({
                fraction: p.subsetFraction,
                auc: Number((p.summary.mean * 100).toFixed(1)),
              }))}
              dataKey="auc"
              stroke={seriesColor(palette, i)}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
