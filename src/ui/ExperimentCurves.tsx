// The experiment's curves overlaid, W&B-style: smoothed loss (raw faint behind it) and validation
// mean AUC per stage run, coloured by procedure and dashed by seed; runs toggle on and off; hover
// shows the values. Stored runs come from the runs history, so they survive a reload.
import { useMemo, useState } from 'react';
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
import { experimentSeries, type RunSeries } from '../state/run-series';
import { useStudio } from '../state/store';
import { type ChartPalette, seriesColor, tooltipProps, useChartPalette } from './theme';

const DASHES = ['', '6 3', '2 3', '10 4 2 4'];

function styleOf(all: readonly RunSeries[], s: RunSeries, palette: ChartPalette) {
  const procedures = [...new Set(all.map((x) => x.procedure))];
  const seeds = [...new Set(all.map((x) => x.seed))].sort((a, b) => a - b);
  const color = seriesColor(palette, procedures.indexOf(s.procedure));
  return { stroke: color, strokeDasharray: DASHES[seeds.indexOf(s.seed) % DASHES.length] };
}

function OverlayChart(props: {
  label: string;
  shown: readonly RunSeries[];
  all: readonly RunSeries[];
  lines: (s: RunSeries) => React.JSX.Element[];
}) {
  const palette = useChartPalette();
  return (
    <figure className="chart" aria-label={props.label}>
      <figcaption>{props.label}</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        {/* The title names the chart's focusable surface (recharts' keyboard layer). */}
        <LineChart title={props.label}>
          <CartesianGrid strokeDasharray="3 3" stroke={palette.grid} />
          <XAxis
            dataKey="step"
            type="number"
            domain={['dataMin', 'dataMax']}
            stroke={palette.axis}
            allowDuplicatedCategory={false}
          />
          <YAxis stroke={palette.axis} domain={['auto', 'auto']} />
          <Tooltip {...tooltipProps(palette, 3)} />
          <Legend />
          {props.shown.flatMap(props.lines)}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function ExperimentCurves() {
  const experiment = useStudio((s) => s.experiment.current);
  const palette = useChartPalette();
  const entries = useStudio((s) => s.history.entries);
  const live = useStudio((s) => s.curves);
  const all = useMemo(
    () => (experiment ? experimentSeries(experiment, entries, live) : []),
    [experiment, entries, live],
  );
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const shown = all.filter((s) => !hidden.has(s.key));
  const toggle = (key: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  if (all.length === 0) return null;
  return (
    <section className="card" aria-labelledby="curves-title">
      <h3 id="curves-title">Runs, overlaid</h3>
      <fieldset className="run-toggles">
        <legend>Show runs</legend>
        {all.map((s) => (
          <label key={s.key} style={{ color: styleOf(all, s, palette).stroke }}>
            <input type="checkbox" checked={!hidden.has(s.key)} onChange={() => toggle(s.key)} />
            {s.name}
            {s.live ? ' (running)' : ''}
          </label>
        ))}
      </fieldset>
      <OverlayChart
        label="Training loss by run"
        shown={shown}
        all={all}
        lines={(s) => [
          <Line
            key={`${s.key}-raw`}
            data={s.loss}
            dataKey="loss"
            name={`${s.name} (raw)`}
            legendType="none"
            dot={false}
            isAnimationActive={false}
            strokeOpacity={0.2}
            {...styleOf(all, s, palette)}
          />,
          <Line
            key={s.key}
            data={s.loss}
            dataKey="smoothed"
            name={s.name}
            dot={false}
            isAnimationActive={false}
            {...styleOf(all, s, palette)}
          />,
        ]}
      />
      <OverlayChart
        label="Validation mean AUC by run"
        shown={shown}
        all={all}
        lines={(s) => [
          <Line
            key={s.key}
            data={s.auc}
            dataKey="meanAuc"
            name={s.name}
            dot
            isAnimationActive={false}
            connectNulls={false}
            {...styleOf(all, s, palette)}
          />,
        ]}
      />
    </section>
  );
}
