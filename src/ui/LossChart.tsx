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

/** Names the figure and the chart's focusable surface (recharts' keyboard layer), which has no
 *  name of its own. */
const CHART_NAME = 'Training loss';

export function LossChart() {
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
          <CartesianGrid strokeDasharray="3 3" stroke="#2c3642" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} stroke="#9aa7b4" />
          <YAxis stroke="#9aa7b4" domain={['auto', 'auto']} />
          <Tooltip contentStyle={{ background: '#1e2630' }} />
          <Line dataKey="loss" stroke="#4f9dde" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
