// Curves drawn at a fixed number of points: recharts' cost per redraw grows with the points it
// is handed, and a chart a few hundred pixels wide cannot show more. The store keeps the series;
// charts draw what these functions pick. Pure functions over plain arrays (tested in Node).

/** Points a live curve is drawn with, whatever its length. */
export const MAX_DRAWN_POINTS = 240;

/** Index of the smallest (or, with `sign` −1, the largest) value in [from, to). */
function extremeIndex<T>(
  points: readonly T[],
  value: (point: T) => number,
  from: number,
  to: number,
  sign: 1 | -1,
): number {
  let best = from;
  for (let i = from + 1; i < to; i++) {
    if (sign * value(points[i] as T) < sign * value(points[best] as T)) best = i;
  }
  return best;
}

/**
 * At most `max` (≥ 4) points of `points`, in order: the first, the last, and from each of the
 * equal slices of the rest its lowest and highest point (min-max decimation), so spikes and dips
 * survive where every-n-th thinning would drop them. Shorter series come back as they are.
 */
export function downsampleMinMax<T>(points: T[], max: number, value: (point: T) => number): T[] {
  if (points.length <= max) return points;
  const inner = points.length - 2;
  const buckets = Math.floor((max - 2) / 2);
  const kept: number[] = [0];
  for (let b = 0; b < buckets; b++) {
    // Slice b holds the inner points j (0-based) with floor(j · buckets / inner) = b.
    const from = 1 + Math.ceil((b * inner) / buckets);
    const to = 1 + Math.ceil(((b + 1) * inner) / buckets);
    const low = extremeIndex(points, value, from, to, 1);
    const high = extremeIndex(points, value, from, to, -1);
    kept.push(Math.min(low, high));
    if (low !== high) kept.push(Math.max(low, high));
  }
  kept.push(points.length - 1);
  return kept.map((i) => points[i] as T);
}
