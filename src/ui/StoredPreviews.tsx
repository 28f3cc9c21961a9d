// The colorization history of the experiment's finished runs, from the runs history: pick a run
// with a learned colorizer, slide through what T made of the preview images at each validation.
// Stored with the run, so it is there after a reload.
import { useId, useMemo, useState } from 'react';
import { STAGES } from '../state/pure-core';
import { useStudio } from '../state/store';
import { PreviewSnapshots } from './PreviewGrid';

export function StoredPreviews() {
  const experimentId = useStudio((s) => s.experiment.current?.id);
  const runs = useStudio((s) => s.experiment.current?.runs);
  const entries = useStudio((s) => s.history.entries);
  const withPreviews = useMemo(
    () => entries.filter((e) => e.experimentId === experimentId && e.previews.length > 0),
    [entries, experimentId],
  );
  const [chosenId, choose] = useState<string | null>(null);
  const [index, setIndex] = useState<number | null>(null);
  const pickerId = useId();
  const chosen = withPreviews.find((e) => e.id === chosenId) ?? withPreviews[0];
  if (chosen === undefined) return null;
  const nameOf = (entry: (typeof withPreviews)[number]) => {
    const run = runs?.find((r) => r.index === entry.runIndex);
    return `${run?.title ?? `run ${entry.runIndex + 1}`}: ${STAGES[entry.report.settings.stage].title}`;
  };
  const last = chosen.previews.length - 1;
  return (
    <PreviewSnapshots
      snapshots={chosen.previews}
      index={Math.min(index ?? last, last)}
      onSelect={setIndex}
      title={(step) => `Colorization by run: ${nameOf(chosen)}, step ${step}`}
    >
      <div className="field">
        <label htmlFor={pickerId}>Run</label>
        <select
          id={pickerId}
          value={chosen.id}
          onChange={(event) => {
            choose(event.currentTarget.value);
            setIndex(null);
          }}
        >
          {withPreviews.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {nameOf(entry)}
            </option>
          ))}
        </select>
      </div>
    </PreviewSnapshots>
  );
}
