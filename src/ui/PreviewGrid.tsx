// What T makes of a fixed set of validation images at each validation of the running stage, drawn
// from the RGBA arrays of the worker's 'preview' events, with a slider back through the snapshots.
import { useId } from 'react';
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

function SnapshotSlider({ step, index, count }: { step: number; index: number; count: number }) {
  const id = useId();
  const select = useStudio(selectSelectPreviewSnapshot);
  const held = useStudio(selectPreviewHeld);
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
        onChange={(event) => select(Number(event.currentTarget.value))}
      />
      <output htmlFor={id}>{text}</output>
      <span className="hint">
        {held ? 'held here: move to the end to follow new validations' : 'following the newest'}
      </span>
    </div>
  );
}

export function PreviewGrid() {
  const snapshots = useStudio(selectPreviewSnapshots);
  const index = useStudio(selectShownPreviewIndex);
  const shown = snapshots[index];
  if (shown === undefined) return null;
  return (
    <section className="card" aria-labelledby="preview-title">
      <h3 id="preview-title">Colorization at step {shown.step}</h3>
      <p className="hint">
        Per validation image: the gray input; T's output as E sees it (ImageNet normalization
        undone, clipped to 0–255); and T's output with each channel stretched on its own from its
        minimum to its maximum, so faint structure shows. Beneath it, each channel's range on the
        0–255 scale and in the normalized units E receives. "Near-constant output": every channel
        spans under 8 of 255 levels, so E sees almost one flat color; a channel spanning under a
        hundredth of a level is flat and drawn mid-gray.
      </p>
      <SnapshotSlider step={shown.step} index={index} count={snapshots.length} />
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
