// Small accessible form pieces shared by the wizard steps: labelled number and select fields with
// a hint wired to aria-describedby, an error line next to a control, and a task progress bar.
import { type ReactNode, useId, useState } from 'react';
import { selectActivity } from '../state/selectors';
import { useStudio } from '../state/store';

/** A "?" after a field's one-line hint: opens the longer explanation below it. Named "Explain",
 *  described by the field's label (`topicId`): a name holding the label's words would make the
 *  button a second match for that label. */
export function Help({ topicId, children }: { topicId: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button
        type="button"
        className="help-toggle"
        aria-expanded={open}
        aria-controls={id}
        aria-label="Explain"
        aria-describedby={topicId}
        onClick={() => setOpen(!open)}
      >
        ?
      </button>
      <div id={id} className="help-text" hidden={!open}>
        {children}
      </div>
    </>
  );
}

/** The hint under a control (its aria-describedby target), with the "?" when there is more. */
function FieldHint(props: { id: string; hint?: ReactNode; more?: ReactNode }) {
  if (!props.hint) return null;
  return (
    <div className="hint-row">
      <small id={`${props.id}-hint`} className="hint">
        {props.hint}
      </small>
      {props.more ? <Help topicId={`${props.id}-label`}>{props.more}</Help> : null}
    </div>
  );
}

interface NumberFieldProps {
  label: string;
  value: number;
  onChange: (value: number) => void;
  hint?: ReactNode;
  /** The longer explanation behind the "?". */
  more?: ReactNode;
  min?: number;
  max?: number;
  step?: number | 'any';
  disabled?: boolean;
}

/** Keeps the typed text while it is not a number yet ("0.", ""), and reports only numbers. A
 *  value set from elsewhere (an LR finder suggestion adopted) replaces the text. */
export function NumberField({ label, value, onChange, hint, more, ...limits }: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [reported, setReported] = useState(value);
  if (!Object.is(value, reported)) {
    setReported(value);
    setText(String(value));
  }
  return (
    <div className="field">
      <label htmlFor={id} id={`${id}-label`}>
        {label}
      </label>
      <input
        id={id}
        type="number"
        value={text}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          const parsed = Number(event.target.value);
          if (event.target.value.trim() === '' || !Number.isFinite(parsed)) return;
          setReported(parsed);
          onChange(parsed);
        }}
        {...limits}
      />
      <FieldHint id={id} hint={hint} more={more} />
    </div>
  );
}

interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (value: T) => void;
  hint?: ReactNode;
  more?: ReactNode;
  disabled?: boolean;
}

export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const { label, value, options, onChange, hint, more, disabled } = props;
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} id={`${id}-label`}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value as T)}
      >
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
      <FieldHint id={id} hint={hint} more={more} />
    </div>
  );
}

/** A request's failure, shown beside its control and announced: its first line, with any further
 *  lines (e.g. every tensor of a weights file that does not fit) folded away beneath it. */
export function ErrorText({ error }: { error: string | null }) {
  if (error === null) return null;
  const [summary, ...details] = error.split('\n');
  return (
    <div className="error" role="alert">
      <p>{summary}</p>
      {details.length > 0 ? (
        <details>
          <summary>
            All {details.length} {details.length === 1 ? 'detail' : 'details'}
          </summary>
          <pre>{details.map((line) => line.trim()).join('\n')}</pre>
        </details>
      ) : null}
    </div>
  );
}

/** The worker's long task in progress (rendering demo data, downloading weights). */
export function ActivityBar() {
  const activity = useStudio(selectActivity);
  if (activity === null) return null;
  return (
    <div className="activity">
      <label>
        {activity.task}: {activity.done} / {activity.total}
        <progress max={activity.total} value={activity.done} />
      </label>
    </div>
  );
}
