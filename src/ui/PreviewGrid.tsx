// What T makes of a fixed set of validation images: each gray input beside T's RGB, drawn from
// the RGBA arrays of the worker's 'preview' events.
import { useEffect, useRef } from 'react';
import { selectPreviewSnapshots, selectShownPreviewIndex } from '../state/selectors';
import { useStudio } from '../state/store';

function PixelCanvas(props: {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  label: string;
}) {
  const { width, height, rgba, label } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    // A copy: ImageData needs an ArrayBuffer-backed array of exactly width × height × 4.
    context?.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  }, [rgba, width, height]);
  return <canvas ref={canvas} width={width} height={height} aria-label={label} role="img" />;
}

export function PreviewGrid() {
  const snapshots = useStudio(selectPreviewSnapshots);
  const previews = snapshots[useStudio(selectShownPreviewIndex)];
  if (previews === undefined) return null;
  return (
    <section className="card" aria-labelledby="preview-title">
      <h3 id="preview-title">Colorization at step {previews.step}</h3>
      <div className="preview-grid">
        {previews.images.map((image, i) => (
          // The preview set is fixed for a run: position identifies the image.
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed preview set
          <figure key={i}>
            <PixelCanvas {...image} rgba={image.gray} label={`Gray input ${i + 1}`} />
            <PixelCanvas {...image} rgba={image.color} label={`Colorized by T ${i + 1}`} />
          </figure>
        ))}
      </div>
    </section>
  );
}
