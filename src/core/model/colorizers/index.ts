// createColorizer: the public factory for the four colorization modules T. tfjs only.
import { createRandom } from '../../util/random';
import { COLORIZER_KINDS, type ColorizerKind } from '../kinds';
import type { ApplyWithMode, Builder } from '../layers';
import { ParameterStore } from '../parameters';
import { type Colorizer, ColorizerPart } from '../part';
import { buildColorU } from './coloru';
import { buildDeconv } from './deconv';
import { buildPixelShuffle } from './pixelshuffle';
import { replicateGray } from './replicate';

const BUILDERS: Record<ColorizerKind, (b: Builder) => ApplyWithMode> = {
  replicate: () => replicateGray,
  deconv: buildDeconv,
  pixelshuffle: buildPixelShuffle,
  coloru: buildColorU,
};

export function createColorizer(kind: ColorizerKind, opts: { seed?: number } = {}): Colorizer {
  const build = BUILDERS[kind];
  if (!build)
    throw new Error(`Unknown colorizer "${kind}"; expected one of ${COLORIZER_KINDS.join(', ')}`);
  const store = new ParameterStore(`colorizer:${kind}`);
  const forward = build({ store, random: createRandom(opts.seed ?? 0), convInit: 'pytorch' });
  return new ColorizerPart(kind, store, forward);
}
