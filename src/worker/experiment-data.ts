// The images an experiment in the studio runs on: the phantom its config draws, or the dropped
// folder the Data step cached (its key travels with the experiment; the config names the folder,
// as the runner's config does). An experiment draws subsets and seeds over the same images many
// times, so the folder's images are read from the cache once and held in memory, as the runner
// holds them; a folder too large for that is refused before anything is read. Worker-only.
import type { GrayPixels } from '../core/data/memory-feed';
import type { ExperimentConfig } from '../core/experiment/config';
import { phantomDataset } from '../core/experiment/demo-data';
import type { ExperimentData } from '../core/experiment/experiment';
import type { DatasetStore } from './session-data';

/** What the held images may take (8- or 16-bit pixels). A browser tab's worker gets a few GB. */
export const MAX_EXPERIMENT_BYTES = 1.5e9;

/** The experiment's data: the phantom of its config, else the cached folder `datasetKey`. */
export async function loadExperimentData(
  config: ExperimentConfig,
  datasetKey: string | undefined,
  store: DatasetStore,
  onProgress: (done: number, total: number) => void = () => {},
  maxBytes = MAX_EXPERIMENT_BYTES,
): Promise<ExperimentData> {
  if (config.dataset.kind === 'phantom') {
    const demo = phantomDataset(config.dataset);
    return { name: 'phantom', index: demo.index, imageOf: (path) => demo.images.get(path) };
  }
  if (datasetKey === undefined) {
    throw new Error(
      `This experiment runs on the folder "${config.dataset.path}": drop that folder in the Data ` +
        'step first (it is cached there), then start or import the experiment again.',
    );
  }
  return loadCachedFolder(datasetKey, store, onProgress, maxBytes);
}

/** Every labelled image of the cached folder, in memory, read in chunks (progress per chunk). */
async function loadCachedFolder(
  datasetKey: string,
  store: DatasetStore,
  onProgress: (done: number, total: number) => void,
  maxBytes: number,
): Promise<ExperimentData> {
  const { name, index } = await store.loadIndex(datasetKey);
  const byPath = new Map(index.items.map((item) => [item.path, item]));
  const labels = (path: string) => {
    const item = byPath.get(path);
    return item ? { target: [...item.target], mask: [...item.mask] } : null;
  };
  const paths = index.items.map((item) => item.path);
  const images = new Map<string, GrayPixels>();
  const CHUNK = 256;
  for (let start = 0; start < paths.length; start += CHUNK) {
    const chunk = paths.slice(start, start + CHUNK);
    const items = await store.loadItems(datasetKey, chunk, labels);
    for (const item of items) images.set(item.path, item.image);
    if (start === 0) refuseIfTooLarge(name, items[0]?.image, paths.length, maxBytes);
    onProgress(Math.min(start + CHUNK, paths.length), paths.length);
  }
  return { name, index, imageOf: (path) => images.get(path) };
}

function refuseIfTooLarge(
  name: string,
  first: GrayPixels | undefined,
  count: number,
  maxBytes: number,
): void {
  if (!first) return;
  const bytes = first.pixels.byteLength * count;
  if (bytes <= maxBytes) return;
  const gb = (b: number) => `${(b / 1e9).toFixed(1)} GB`;
  throw new Error(
    `"${name}" has ${count.toLocaleString('en-US')} images (about ${gb(bytes)} in memory), more ` +
      `than an experiment in the studio holds (${gb(maxBytes)}). Run it headless ` +
      '(npm run experiment -- config.json, with dataset.path set to the folder), or train its ' +
      'stages one at a time from the Train step, which streams the images.',
  );
}
