// One validation image of the colorization preview: the gray input, T's output as E sees it, and
// T's output stretched per channel with each channel's range printed beneath, so a near-constant
// T is visibly so. Canvases keep the names 'Gray input N' and 'Colorized by T N' (browser tests).
import { type ReactNode, useEffect, useRef } from 'react';
import type { PreviewImage } from '../worker/protocol';

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

/** A canvas, its caption, then whatever reads beneath it (ranges, badge). */
function Panel(props: { caption: string; canvas: ReactNode; children?: ReactNode }) {
  return (
    <figure className="preview-panel">
      {props.canvas}
      <figcaption>{props.caption}</figcaption>
      {props.children}
    </figure>
  );
}

const CHANNELS = ['R', 'G', 'B'] as const;

/** A real minus sign and fixed digits: the columns line up and "−0.1" never reads as a dash. */
const number = (value: number, digits: number) =>
  value
    .toFixed(digits)
    .replace(/^-/, '\u2212')
    .replace(/^\u22120(\.0+)?$/, '0$1');

/** Both ends with enough digits that a faint range (under one 8-bit level) shows its width. */
function ends(min: number, max: number, span: number, digits: number, separator: string) {
  const shown = span < 1 ? digits + 2 : digits;
  return `${number(min, shown)}${separator}${number(max, shown)}`;
}

/** "R 105.1–106.6": each channel's ends on the 0..255 display scale, with the normalized units E
 *  receives beside them, and flat channels marked. */
export function ChannelRanges({
  ranges,
  label,
}: {
  ranges: PreviewImage['ranges'];
  label: string;
}) {
  return (
    <table className="channel-ranges" aria-label={label}>
      <thead>
        <tr>
          <td />
          <th scope="col">0–255</th>
          <th scope="col">normalized</th>
        </tr>
      </thead>
      <tbody>
        {ranges.map((range, c) => {
          const span = range.displayMax - range.displayMin;
          return (
            <tr key={CHANNELS[c]} className={range.flat ? 'flat' : undefined}>
              <th scope="row">{CHANNELS[c]}</th>
              <td>{ends(range.displayMin, range.displayMax, span, 1, '–')}</td>
              <td>
                {ends(range.min, range.max, span, 3, ' to ')}
                {range.flat ? ' (flat)' : ''}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Image `n` (1-based) of the shown snapshot. */
export function PreviewFigure({ image, n }: { image: PreviewImage; n: number }) {
  const canvas = (rgba: Uint8ClampedArray, label: string) => (
    <PixelCanvas width={image.width} height={image.height} rgba={rgba} label={label} />
  );
  return (
    <figure className="preview-image" aria-label={`Validation image ${n}`}>
      <Panel caption="Gray input" canvas={canvas(image.gray, `Gray input ${n}`)} />
      <Panel
        caption="T's output as E sees it"
        canvas={canvas(image.color, `Colorized by T ${n}`)}
      />
      <Panel
        caption="Per-channel stretched"
        canvas={canvas(image.stretched, `Stretched per channel ${n}`)}
      >
        <ChannelRanges ranges={image.ranges} label={`Channel ranges ${n}`} />
        {image.nearConstant ? (
          <strong className="badge-warning flat-badge">near-constant output</strong>
        ) : null}
      </Panel>
    </figure>
  );
}
