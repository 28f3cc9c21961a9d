// Where E's ImageNet weights come from: the published file (downloaded once, then cached), a local
// file, or random initialization, which is flagged NOT PRETRAINED wherever it shows.
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PretrainedChoice } from '../state/model';
import { fieldsOf } from '../state/selectors';
import { useStudio } from '../state/store';

const CHOICES: readonly (readonly [PretrainedChoice, string])[] = [
  ['download', 'Download the ImageNet weights (once; cached in this browser)'],
  ['file', 'A local weights file (.safetensors or .pth)'],
  ['random', 'Random initialization'],
];

export function PretrainedPicker() {
  const { pretrained, pretrainedFile } = useStudio(
    useShallow(fieldsOf('model', 'pretrained', 'pretrainedFile')),
  );
  const setPretrainedChoice = useStudio((s) => s.setPretrainedChoice);
  const setPretrainedFile = useStudio((s) => s.setPretrainedFile);
  const fileId = useId();
  return (
    <fieldset className="field">
      <legend>ImageNet weights for the backbone</legend>
      {CHOICES.map(([choice, text]) => (
        <label key={choice} className="radio">
          <input
            type="radio"
            name="pretrained"
            value={choice}
            checked={pretrained === choice}
            onChange={() => setPretrainedChoice(choice)}
          />
          {text}
        </label>
      ))}
      {pretrained === 'file' ? (
        <div className="field">
          <label htmlFor={fileId}>ImageNet weights file</label>
          <input
            id={fileId}
            type="file"
            accept=".safetensors,.pth,.pt"
            onChange={(event) => setPretrainedFile(event.target.files?.[0] ?? null)}
          />
          {pretrainedFile ? <small className="hint">{pretrainedFile.name}</small> : null}
        </div>
      ) : null}
      {pretrained === 'random' ? (
        <p className="warning" role="note">
          <strong>NOT PRETRAINED.</strong> The backbone starts from random weights: the method's
          transfer from ImageNet does not happen, and every export and report says so. Use it for
          quick tests only.
        </p>
      ) : null}
    </fieldset>
  );
}
