// The experiment's stage runs as stored in the runs history, with checkboxes and "Delete
// selected" behind a confirmation (native controls: keyboard and screen readers work as usual;
// Escape cancels the confirmation).
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { aucText } from '../state/names';
import { displayName, formatFraction } from '../state/pure-core';
import { fieldsOf } from '../state/selectors';
import { useStudio } from '../state/store';
import { formatDuration } from '../state/training';
import type { RunHistoryEntry } from '../worker/protocol';
import { useCommands } from './commands-context';
import { ErrorText } from './fields';

const runTitle = (entry: RunHistoryEntry) =>
  `run ${entry.runIndex + 1}, ${entry.report.record.procedure}, seed ${entry.report.record.seed}`;

function RunRow(props: { entry: RunHistoryEntry; checked: boolean; toggle: () => void }) {
  const { entry, checked, toggle } = props;
  const { record, outcome, bestStep, validationMeanAuc, trainSeconds, pretrained } = entry.report;
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          checked={checked}
          onChange={toggle}
          aria-label={`Select ${runTitle(entry)}`}
        />
      </td>
      <td>{entry.runIndex + 1}</td>
      <td className="name">{record.procedure}</td>
      <td className="name">{displayName(record.colorizer)}</td>
      <td className="name">
        {pretrained.kind === 'imagenet' ? 'PRETRAINED' : <strong>NOT PRETRAINED</strong>}
      </td>
      <td>{record.seed}</td>
      <td>{formatFraction(record.subsetFraction ?? 1)}</td>
      <td className="name">{outcome}</td>
      <td>{bestStep}</td>
      <td>{aucText(validationMeanAuc)}</td>
      <td>{aucText(record.meanAuc)}</td>
      <td>{formatDuration(trainSeconds)}</td>
      <td className="name">{entry.savedAt.slice(0, 16).replace('T', ' ')}</td>
    </tr>
  );
}

/** Column titles; true: a text column (left-aligned, as its cells). */
const HEADER: readonly (readonly [string, boolean])[] = [
  ['Run', false],
  ['Stage', true],
  ['Colorizer', true],
  ['E', true],
  ['Seed', false],
  ['Train set', false],
  ['Outcome', true],
  ['Best step', false],
  ['Valid AUC', false],
  ['Test AUC', false],
  ['Training', false],
  ['Saved (UTC)', true],
];

function ConfirmDelete(props: { count: number; onConfirm: () => void; onCancel: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-label="Confirm deletion"
      className="confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onCancel();
      }}
    >
      Delete {props.count} stage {props.count === 1 ? 'run' : 'runs'} from the history? Their
      scores, curves and previews go; this cannot be undone.{' '}
      <button type="button" className="danger" onClick={props.onConfirm}>
        Delete {props.count}
      </button>{' '}
      <button type="button" ref={cancel} onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}

export function RunsList({ runs }: { runs: readonly RunHistoryEntry[] }) {
  const { deleting, error } = useStudio(useShallow(fieldsOf('history', 'deleting', 'error')));
  const { deleteRuns } = useCommands();
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const selected = runs.filter((r) => checked.has(r.id)).map((r) => r.id);
  const toggle = (id: string) =>
    setChecked((was) => {
      const next = new Set(was);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const all = runs.length > 0 && selected.length === runs.length;
  const confirm = () => {
    setConfirming(false);
    setChecked(new Set());
    void deleteRuns(selected);
  };
  return (
    <section className="card" aria-label="Stage runs">
      <h3>Stage runs of this experiment</h3>
      <div className="table-scroll">
        <table className="runs">
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  checked={all}
                  onChange={() => setChecked(new Set(all ? [] : runs.map((r) => r.id)))}
                  aria-label="Select all stage runs"
                />
              </th>
              {HEADER.map(([title, text]) => (
                <th key={title} scope="col" className={text ? 'name' : undefined}>
                  {title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {runs.map((entry) => (
              <RunRow
                key={entry.id}
                entry={entry}
                checked={checked.has(entry.id)}
                toggle={() => toggle(entry.id)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div className="controls">
        <button
          type="button"
          disabled={selected.length === 0 || deleting || confirming}
          aria-busy={deleting}
          onClick={() => setConfirming(true)}
        >
          {deleting ? 'Deleting…' : `Delete selected (${selected.length})`}
        </button>
        {confirming ? (
          <ConfirmDelete
            count={selected.length}
            onConfirm={confirm}
            onCancel={() => setConfirming(false)}
          />
        ) : null}
        <ErrorText error={error} />
      </div>
    </section>
  );
}
