// Export of a trained colorizer, colorizer + backbone, or whole network: a safetensors file in the
// authors' PyTorch names, a model card with test vectors, and a ZIP bundle of both. tfjs only.
import * as tf from '@tensorflow/tfjs';
import { scaleWidth } from '../model/backbones/width';
import { BACKBONE_PREFIX, COLORIZER_PREFIX, type Network } from '../model/network';
import { disposeStateDict, hostStateDict, type StateDict } from '../model/state-dict';
import { createRandom, deriveSeed, normal } from '../util/random';
import {
  buildModelCard,
  CARD_METADATA_KEY,
  type ExportScope,
  encodeFloat32,
  type ModelCard,
  type ModelCardArchitecture,
  type ModelCardInput,
  type TestVector,
} from './model-card';
import { writeSafetensors } from './safetensors';
import { writeStoredZip } from './zip-write';

export interface ExportOptions {
  /** Side of the square test-vector inputs (pixels); every colorizer and backbone takes 32. */
  vectorSize?: number;
  /** Number of test vectors (each one image). */
  vectorCount?: number;
  /** Seed of the test-vector inputs. */
  vectorSeed?: number;
  /** File name stem inside the bundle. */
  baseName?: string;
}

export interface ModuleExport {
  fileName: string;
  safetensors: Uint8Array;
  card: ModelCard;
  /** One stored ZIP holding `<base>.safetensors` and `<base>.card.json`. */
  bundle(): Uint8Array;
}

/**
 * The exported scope's inference-mode output on x [N,H,W,1]: colorized [N,H,W,3], pooled
 * features [N,F] or logits [N,numClasses]. The caller owns the result.
 */
export function scopeOutput(network: Network, scope: ExportScope, x: tf.Tensor4D): tf.Tensor {
  return tf.tidy(() => {
    if (scope === 'network') return network.logits(x, false);
    const rgb = network.colorizer.apply(x, false);
    return scope === 'colorizer' ? rgb : network.backbone.features(rgb, false);
  });
}

/** NHWC → NCHW for images; features and logits are already in PyTorch layout. */
function torchLayout(t: tf.Tensor): tf.Tensor {
  return t.rank === 4 ? tf.transpose(t, [0, 3, 1, 2]) : t.clone();
}

/** Seeded inputs and the scope's outputs, read asynchronously (no synchronous GPU read-back). */
async function makeTestVectors(
  network: Network,
  scope: ExportScope,
  opts: ExportOptions,
): Promise<TestVector[]> {
  const size = opts.vectorSize ?? 32;
  const baseSeed = opts.vectorSeed ?? 20200;
  const vectors: TestVector[] = [];
  for (let i = 0; i < (opts.vectorCount ?? 2); i++) {
    const seed = deriveSeed(baseSeed, `test-vector-${i}`);
    const random = createRandom(seed);
    const values = Float32Array.from({ length: size * size }, () => normal(random));
    const out = tf.tidy(() =>
      torchLayout(scopeOutput(network, scope, tf.tensor4d(values, [1, size, size, 1]))),
    );
    const output = (await out.data()) as Float32Array;
    vectors.push({
      seed,
      input: encodeFloat32(values, [1, 1, size, size]),
      output: encodeFloat32(output, [...out.shape]),
    });
    out.dispose();
  }
  return vectors;
}

function prefixed(prefix: string, sd: StateDict): StateDict {
  return Object.fromEntries(Object.entries(sd).map(([name, t]) => [prefix + name, t]));
}

/** New tensors of the scope in PyTorch names and layouts; the caller disposes them. */
export function scopeStateDict(network: Network, scope: ExportScope): StateDict {
  if (scope === 'network') return network.stateDict();
  const colorizer = network.colorizer.stateDict();
  if (scope === 'colorizer') return colorizer;
  return {
    ...prefixed(COLORIZER_PREFIX, colorizer),
    ...prefixed(BACKBONE_PREFIX, network.backbone.stateDict()),
  };
}

/**
 * Adds `num_batches_tracked` beside every BatchNorm's running mean: PyTorch's strict
 * load_state_dict requires these buffers. Written as int32 zeros (load_state_dict casts them to
 * int64); PyTorch reads the counter only when momentum is None, and ours is 0.1 (SPEC §1).
 */
function withBatchCounters(sd: StateDict): StateDict {
  const out: StateDict = { ...sd };
  for (const name of Object.keys(sd)) {
    if (name.endsWith('.running_mean')) {
      out[name.replace(/running_mean$/, 'num_batches_tracked')] = tf.scalar(0, 'int32');
    }
  }
  return out;
}

export function networkArchitecture(network: Network, widthMultiplier = 1): ModelCardArchitecture {
  const { backbone } = network;
  const fullWidth = backbone.kind === 'densenet121' ? 1024 : 512;
  if (scaleWidth(fullWidth, widthMultiplier) !== backbone.featureSize) {
    throw new Error(
      `widthMultiplier ${widthMultiplier} does not match the backbone (${backbone.featureSize} features)`,
    );
  }
  return {
    colorizer: network.colorizer.kind,
    backbone: backbone.kind,
    widthMultiplier,
    numClasses: network.classifier.numClasses,
    featureSize: backbone.featureSize,
  };
}

/**
 * Exports `scope` of the network. The card rides in the safetensors `__metadata__` (key
 * `chromaxr_model_card`) as well as in the bundle, so a lone .safetensors is self-describing.
 * Reads the weights asynchronously (safe in a worker on WebGPU); creates no lasting tensor.
 */
export async function exportModule(
  network: Network,
  scope: ExportScope,
  cardInput: ModelCardInput,
  opts: ExportOptions = {},
): Promise<ModuleExport> {
  if (scope === 'colorizer' && network.colorizer.kind === 'replicate') {
    throw new Error('the replicate colorizer has no weights: export the network instead');
  }
  const architecture = networkArchitecture(network, cardInput.widthMultiplier ?? 1);
  const card = buildModelCard(
    scope,
    architecture,
    cardInput,
    await makeTestVectors(network, scope, opts),
  );
  const live = withBatchCounters(scopeStateDict(network, scope));
  let sd: StateDict = {};
  let safetensors: Uint8Array;
  try {
    sd = await hostStateDict(live);
    safetensors = writeSafetensors(sd, { format: 'pt', [CARD_METADATA_KEY]: JSON.stringify(card) });
  } finally {
    disposeStateDict(live);
    disposeStateDict(sd);
  }
  const base =
    opts.baseName ??
    `chromaxr-${scope.replace('+', '-')}-${architecture.colorizer}-${architecture.backbone}`;
  const bytes = safetensors;
  return {
    fileName: `${base}.safetensors`,
    safetensors: bytes,
    card,
    bundle: () =>
      writeStoredZip([
        { name: `${base}.safetensors`, data: bytes },
        {
          name: `${base}.card.json`,
          data: new TextEncoder().encode(JSON.stringify(card, null, 2)),
        },
      ]),
  };
}
