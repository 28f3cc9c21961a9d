// jsdom has no 2D canvas: a stand-in context records what each canvas (by its aria-label) was
// painted with, so preview tests can check the pixels a figure drew.
export class FakeImageData {
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {}
}

/** Installs the stand-in on jsdom's globals; returns the label → painted RGBA map. */
export function installFakeCanvas(): Map<string, Uint8ClampedArray> {
  const painted = new Map<string, Uint8ClampedArray>();
  Object.assign(globalThis, { ImageData: FakeImageData });
  const getContext = function (this: HTMLCanvasElement) {
    const label = this.getAttribute('aria-label') ?? '';
    return { putImageData: (data: FakeImageData) => painted.set(label, data.data) };
  };
  Object.assign(HTMLCanvasElement.prototype, { getContext });
  return painted;
}
