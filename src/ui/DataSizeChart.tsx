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
import { SERIES_COLORS } from './series-colors';

/** Names the figure and the chart's focusable surface (recharts' keyboard layer), which has no
 *  name of its own. */
const CHART_NAME = 'Fig. 6: mean AUC against training-set size';

const title = (series: CurveSeries) =>
  `${variantLabel(series.variant)} (${displayName(series.backbone)})`;

export function DataSizeChart({ curves }: { curves: readonly CurveSeries[] }) {
  return (
    <figure className="chart" aria-label={CHART_NAME}>
      <figcaption>Fig. 6: mean test AUC (×100) against the fraction of the training set</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart title={CHART_NAME}>
          <CartesianGrid strokeDasharray="3 3" stroke="#2c3642" />
          <XAxis
            dataKey="fraction"
            type="number"
            scale="log"
            domain={['dataMin', 'dataMax']}
            tickFormatter={formatFraction}
            stroke="#9aa7b4"
            allowDataOverflow
          />
          <YAxis domain={['auto', 'auto']} stroke="#9aa7b4" />
          <Tooltip contentStyle={{ background: '#1e2630' }} />
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
              stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
