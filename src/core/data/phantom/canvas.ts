// Float32 grayscale canvas and soft-edged shape primitives for the phantom renderer. Pure core:
// plain loops over typed arrays (no DOM canvas), so it runs alike in Node, workers and tests.

/** Row-major values; the renderer stores X-ray attenuation (0 = air) until the display step. */
export interface Canvas {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

export function createCanvas(width: number, height: number): Canvas {
  return { width, height, data: new Float32Array(width * height) };
}

/** 0 at or below `edge0`, 1 at or above `edge1`, a cubic ramp in between. */
export function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

/** An ellipse in pixels, turned by `angle` radians. */
export interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  angle?: number;
}

/** Pixel range [from, to) of a centre ± radius, clipped to [0, size). */
function span(centre: number, radius: number, size: number): [number, number] {
  return [Math.max(0, Math.floor(centre - radius)), Math.min(size, Math.ceil(centre + radius) + 1)];
}

/** The pixel box around an ellipse out to normalized radius `reach`, with what `ellipseRadius` needs. */
export interface EllipseBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  cx: number;
  cy: number;
  cos: number;
  sin: number;
  rx: number;
  ry: number;
}

/**
 * Shapes loop `for y in y0..y1, x in x0..x1` and skip `ellipseRadius(box, x, y) >= reach`. Plain
 * loops rather than a per-pixel callback: V8 boxes the doubles it passes to callbacks it cannot
 * inline, and the garbage made the renderer three times slower.
 */
export function ellipseBox(canvas: Canvas, e: Ellipse, reach: number): EllipseBox {
  const extent = Math.max(e.rx, e.ry) * reach;
  const [x0, x1] = span(e.cx, extent, canvas.width);
  const [y0, y1] = span(e.cy, extent, canvas.height);
  const angle = e.angle ?? 0;
  return {
    x0,
    x1,
    y0,
    y1,
    cx: e.cx,
    cy: e.cy,
    cos: Math.cos(angle),
    sin: Math.sin(angle),
    rx: e.rx,
    ry: e.ry,
  };
}

/** Normalized radius of pixel (x, y)'s centre: 1 on the outline. */
export function ellipseRadius(box: EllipseBox, x: number, y: number): number {
  const dx = x + 0.5 - box.cx;
  const dy = y + 0.5 - box.cy;
  const a = (dx * box.cos + dy * box.sin) / box.rx;
  const b = (dy * box.cos - dx * box.sin) / box.ry;
  return Math.sqrt(a * a + b * b);
}

/**
 * Adds `amount` over an ellipse whose edge ramps over ±`soft` (normalized radius). `chord` mixes
 * in the path length through an elliptic cylinder (thick middle, thin rim), 0 = flat, 1 = chord.
 */
export function addEllipse(
  canvas: Canvas,
  e: Ellipse,
  amount: number,
  opts: { soft?: number; chord?: number } = {},
): void {
  const soft = opts.soft ?? 0.05;
  const chord = opts.chord ?? 0;
  const { data, width } = canvas;
  const box = ellipseBox(canvas, e, 1 + soft);
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const r = ellipseRadius(box, x, y);
      if (r >= 1 + soft) continue;
      const edge = 1 - smoothstep(1 - soft, 1 + soft, r);
      const thickness = 1 - chord + chord * Math.sqrt(Math.max(0, 1 - r * r));
      data[y * width + x] = (data[y * width + x] as number) + amount * edge * thickness;
    }
  }
}

/** Adds a Gaussian blob (radii = standard deviations) out to three sigmas, weighted by `mask`. */
export function addGaussian(canvas: Canvas, e: Ellipse, amount: number, mask?: Float32Array): void {
  const { data, width } = canvas;
  const box = ellipseBox(canvas, e, 3);
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const r = ellipseRadius(box, x, y);
      if (r >= 3) continue;
      const i = y * width + x;
      const weight = mask ? (mask[i] as number) : 1;
      data[i] = (data[i] as number) + amount * weight * Math.exp(-0.5 * r * r);
    }
  }
}

/** A band along y = centre(x) for x in [x0, x1], e.g. a rib; thickness measured across it. */
export interface Band {
  x0: number;
  x1: number;
  centre: (x: number) => number;
  halfWidth: number;
}

/**
 * Adds `amount` across a band, scanning columns (the bands are closer to horizontal than to
 * vertical). `rim` brightens the edges like the cortex of a bone; the ends taper over 8 % of the
 * length so that bands fade in rather than stop.
 */
export function addBand(canvas: Canvas, band: Band, amount: number, rim = 0, mask?: Float32Array) {
  const [x0, x1] = span((band.x0 + band.x1) / 2, Math.abs(band.x1 - band.x0) / 2, canvas.width);
  const length = Math.abs(band.x1 - band.x0) || 1;
  for (let x = x0; x < x1; x++) {
    const along = Math.min(x + 0.5 - Math.min(band.x0, band.x1), Math.max(band.x0, band.x1) - x);
    const taper = smoothstep(0, 0.08 * length, along);
    if (taper <= 0) continue;
    const centre = band.centre(x + 0.5);
    const slope = band.centre(x + 1) - band.centre(x);
    const half = band.halfWidth * Math.sqrt(1 + slope * slope);
    addBandColumn(canvas, x, centre, half, amount * taper, rim, mask);
  }
}

function addBandColumn(
  canvas: Canvas,
  x: number,
  centre: number,
  half: number,
  amount: number,
  rim: number,
  mask: Float32Array | undefined,
): void {
  const [y0, y1] = span(centre, half + 1, canvas.height);
  const data = canvas.data;
  for (let y = y0; y < y1; y++) {
    const t = Math.abs(y + 0.5 - centre) / half;
    const index = y * canvas.width + x;
    const cover = 1 - smoothstep(0.75, 1.15, t);
    const weight = mask ? (mask[index] as number) : 1;
    data[index] = (data[index] as number) + amount * weight * cover * (1 - rim + rim * t * t);
  }
}

/** Box blur of radius `radius` pixels along rows then columns; two passes approximate a Gaussian. */
export function boxBlur(canvas: Canvas, radius: number, passes = 2): void {
  if (radius < 1) return;
  const { width, height, data } = canvas;
  const line = new Float32Array(Math.max(width, height));
  for (let pass = 0; pass < passes; pass++) {
    for (let y = 0; y < height; y++) blurLine(data, y * width, 1, width, radius, line);
    for (let x = 0; x < width; x++) blurLine(data, x, width, height, radius, line);
  }
}

/** Running-sum box filter of one row or column in place; edges repeat the border value. */
function blurLine(
  data: Float32Array,
  start: number,
  stride: number,
  count: number,
  radius: number,
  line: Float32Array,
): void {
  for (let i = 0; i < count; i++) line[i] = data[start + i * stride] as number;
  const first = line[0] as number;
  const last = line[count - 1] as number;
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    sum += i < 0 ? first : i >= count ? last : (line[i] as number);
  }
  const scale = 1 / (2 * radius + 1);
  for (let i = 0; i < count; i++) {
    data[start + i * stride] = sum * scale;
    const entering = i + radius + 1;
    const leaving = i - radius;
    sum +=
      (entering < count ? (line[entering] as number) : last) -
      (leaving > 0 ? (line[leaving] as number) : first);
  }
}
