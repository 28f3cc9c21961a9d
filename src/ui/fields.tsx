// Small accessible form pieces shared by the wizard steps: labelled number and select fields with
// a hint wired to aria-describedby, an error line next to a control, and a task progress bar.
import { type ReactNode, useId, useState } from 'react';
import { selectActivity } from '../state/selectors';
import { useStudio } from '../state/store';

interface NumberFieldProps {
  label: string;
  value: number;
  onChange: (value: number) => void;
  hint?: ReactNode;
  min?: number;
  max?: number;
  step?: number | 'any';
  disabled?: boolean;
}

/** Keeps the typed text while it is not a number yet ("0.", ""), and reports only numbers. A
 *  value set from elsewhere (an LR finder suggestion adopted) replaces the text. */
export function NumberField({ label, value, onChange, hint, ...limits }: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [reported, setReported] = useState(value);
  if (!Object.is(value, reported)) {
    setReported(value);
    setText(String(value));
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
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
      {hint ? (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      ) : null}
    </div>
  );
}

interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (value: T) => void;
  hint?: ReactNode;
  disabled?: boolean;
}

export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const { label, value, options, onChange, hint, disabled } = props;
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
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
      {hint ? (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      ) : null}
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
