// What T makes of a fixed set of validation images at each validation, drawn from RGBA arrays,
// with a slider back through the snapshots: the running stage's (live, from the worker's
// 'preview' events) here, and a stored run's (the runs history) in StoredPreviews.
import { type ReactNode, useId } from 'react';
import type { PreviewSnapshot } from '../state/previews';
import {
  selectPreviewHeld,
  selectPreviewSnapshots,
  selectSelectPreviewSnapshot,
  selectShownPreviewIndex,
} from '../state/selectors';
import { useStudio } from '../state/store';
import { PreviewFigure } from './PreviewFigure';

/** "validation at step N (k of K)": the slider's label text and its spoken value. */
export const snapshotText = (step: number, index: number, count: number) =>
  `validation at step ${step} (${index + 1} of ${count})`;

interface SliderProps {
  step: number;
  index: number;
  count: number;
  onSelect: (index: number) => void;
  hint?: ReactNode;
}

function SnapshotSlider({ step, index, count, onSelect, hint }: SliderProps) {
  const id = useId();
  const text = snapshotText(step, index, count);
  return (
    <div className="preview-slider">
      <label htmlFor={id}>Validation snapshot</label>
      <input
        id={id}
        type="range"
        min={0}
        max={Math.max(0, count - 1)}
        step={1}
        value={index}
        disabled={count < 2}
        aria-valuetext={text}
        onChange={(event) => onSelect(Number(event.currentTarget.value))}
      />
      <output htmlFor={id}>{text}</output>
      {hint ? <span className="hint">{hint}</span> : null}
    </div>
  );
}

const PREVIEW_HINT =
  'Per validation image: the gray input; T\u2019s output as E sees it (ImageNet normalization ' +
  'undone, clipped to 0–255); and T\u2019s output with each channel stretched on its own from its ' +
  'minimum to its maximum, so faint structure shows. Beneath it, each channel\u2019s range on the ' +
  '0–255 scale and in the normalized units E receives. "Near-constant output": every channel ' +
  'spans under 8 of 255 levels, so E sees almost one flat color; a channel spanning under a ' +
  'hundredth of a level is flat and drawn mid-gray.';

interface SnapshotsProps {
  snapshots: readonly PreviewSnapshot[];
  index: number;
  onSelect: (index: number) => void;
  /** Above the slider, e.g. a run picker. */
  children?: ReactNode;
  sliderHint?: ReactNode;
  title: (step: number) => string;
}

/** One snapshot's figures under a slider through all of them. */
export function PreviewSnapshots(props: SnapshotsProps) {
  const titleId = useId();
  const shown = props.snapshots[props.index];
  if (shown === undefined) return null;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h3 id={titleId}>{props.title(shown.step)}</h3>
      <p className="hint">{PREVIEW_HINT}</p>
      {props.children}
      <SnapshotSlider
        step={shown.step}
        index={props.index}
        count={props.snapshots.length}
        onSelect={props.onSelect}
        hint={props.sliderHint}
      />
      <div className="preview-grid">
        {shown.images.map((image, i) => (
          // The preview set is fixed for a run: position identifies the image.
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed preview set
          <PreviewFigure key={i} image={image} n={i + 1} />
        ))}
      </div>
    </section>
  );
}

/** The running stage's snapshots; the slider holds a moment or follows the newest. */
export function PreviewGrid() {
  const snapshots = useStudio(selectPreviewSnapshots);
  const index = useStudio(selectShownPreviewIndex);
  const select = useStudio(selectSelectPreviewSnapshot);
  const held = useStudio(selectPreviewHeld);
  return (
    <PreviewSnapshots
      snapshots={snapshots}
      index={index}
      onSelect={select}
      title={(step) => `Colorization at step ${step}`}
      sliderHint={
        held ? 'held here: move to the end to follow new validations' : 'following the newest'
      }
    />
  );
}
