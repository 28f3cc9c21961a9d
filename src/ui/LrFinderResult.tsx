// The LR finder's last sweep: smoothed loss against lr on a log axis with the suggestions marked,
// and a row per suggestion whose "Use" makes it the one-cycle peak (lrMax).
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { chartPoints, type LrFinderResult as Result, SUGGESTION_RULES } from '../state/lr-finder';
import { STAGES } from '../state/pure-core';
import { useCommands } from './commands-context';
import { seriesColor, tooltipProps, useChartPalette } from './theme';

/** Names the figure and the chart's focusable surface (recharts' keyboard layer), which has no
 *  name of its own. */
const CHART_NAME = 'LR finder loss';

const STOPPED: Record<Result['stopReason'], string> = {
  completed: 'ran every step',
  diverged: 'stopped when the loss diverged',
  aborted: 'stopped early',
};

const lrText = (lr: number) => lr.toExponential(2);

export function LrFinderResult({ result }: { result: Result }) {
  const palette = useChartPalette();
  const points = chartPoints(result);
  const { adoptLr } = useCommands();
  return (
    <div className="columns">
      <figure className="chart" aria-label={CHART_NAME} data-points={points.length}>
        <figcaption>
          Smoothed loss vs learning rate — {STAGES[result.stage].title}, {result.lrs.length} steps,{' '}
          {STOPPED[result.stopReason]}
        </figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={points} title={CHART_NAME}>
            <CartesianGrid strokeDasharray="3 3" stroke={palette.grid} />
            <XAxis
              dataKey="lr"
              type="number"
              scale="log"
              domain={['dataMin', 'dataMax']}
              tickFormatter={(lr: number) => lr.toExponential(0)}
              stroke={palette.axis}
            />
            <YAxis stroke={palette.axis} domain={['auto', 'auto']} />
            <Tooltip {...tooltipProps(palette, 4)} labelFormatter={lrText} />
            <Line
              dataKey="loss"
              stroke={seriesColor(palette, 0)}
              dot={false}
              isAnimationActive={false}
            />
            {SUGGESTION_RULES.map(([key]) => {
              const lr = result.suggestions[key];
              return lr === null ? null : (
                <ReferenceLine
                  key={key}
                  x={lr}
                  stroke={seriesColor(palette, 1)}
                  strokeDasharray="4 2"
                />
              );
            })}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <table aria-label="Suggested learning rates">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Learning rate</th>
            <th scope="col">Max learning rate</th>
          </tr>
        </thead>
        <tbody>
          {SUGGESTION_RULES.map(([key, title]) => {
            const lr = result.suggestions[key];
            return (
              <tr key={key}>
                <th scope="row">{title}</th>
                <td>{lr === null ? 'none' : lrText(lr)}</td>
                <td>
                  {lr === null ? (
                    'too few points'
                  ) : (
                    <button type="button" aria-label={`Use ${title}`} onClick={() => adoptLr(lr)}>
                      Use
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
