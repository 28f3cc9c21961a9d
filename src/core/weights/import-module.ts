// Import of an exported module (ours or from PyTorch) into a network for the transfer stages:
// bundle ZIP, .safetensors (with or without card) or .pth; strict, all-or-nothing. tfjs only.
import * as tf from '@tensorflow/tfjs';
import { BACKBONE_PREFIX, COLORIZER_PREFIX, type Network } from '../model/network';
import type { Part } from '../model/part';
import { disposeStateDict, type StateDict } from '../model/state-dict';
import { scopeOutput } from './export';
import { WeightsFileError } from './file-error';
import {
  CARD_METADATA_KEY,
  decodeFloat32,
  type ExportScope,
  type ModelCard,
  parseModelCard,
} from './model-card';
import { normalizeCheckpointNames } from './names';
import { readWeightsFile, type WeightsFormat } from './weights-file';
import { looksLikeZip, readZipRecords } from './zip';

export interface ImportOptions {
  /** A card picked next to a lone weights file (JSON text); else the bundle's or the metadata's. */
  cardJson?: string;
  /** Leave the classifier untouched (a new head for a new dataset: Transfer All). */
  skipHead?: boolean;
}

export interface ImportSummary {
  scope: ExportScope;
  format: WeightsFormat;
  loaded: string[];
  ignored: string[];
  card?: ModelCard;
  /** Test vectors of the card re-run after loading: max |Δ| / max |expected| over all of them. */
  testVectors?: { count: number; maxError: number };
}

interface Unpacked {
  weights: Uint8Array;
  cardJson?: string;
}

/** A bundle is a ZIP without torch's data.pkl, holding one .safetensors and maybe a card. */
function unpackBundle(bytes: Uint8Array, fileName: string): Unpacked {
  if (!looksLikeZip(bytes)) return { weights: bytes };
  const records = readZipRecords(bytes, fileName);
  const names = [...records.keys()];
  if (names.some((n) => /(^|\/)data\.pkl$/.test(n))) return { weights: bytes };
  const weights = names.filter((n) => n.endsWith('.safetensors'));
  const cards = names.filter((n) => n.endsWith('.card.json'));
  if (weights.length !== 1 || cards.length > 1) {
    throw new WeightsFileError(
      fileName,
      `ZIP archive is neither a torch.save checkpoint (no data.pkl) nor an export bundle ` +
        `(needs one .safetensors and at most one .card.json; holds ${names.join(', ') || 'nothing'})`,
    );
  }
  const card = cards[0] === undefined ? undefined : records.get(cards[0]);
  return {
    weights: records.get(weights[0] as string) as Uint8Array,
    ...(card ? { cardJson: new TextDecoder().decode(card) } : {}),
  };
}

/** Bare or only `deco.` names: a colorizer (saved alone or from the wrapper); else by the head. */
function detectScope(names: string[], headName: string): ExportScope {
  if (!names.some((n) => n.startsWith(BACKBONE_PREFIX))) return 'colorizer';
  const head = `${BACKBONE_PREFIX}${headName}.`;
  return names.some((n) => n.startsWith(head)) ? 'network' : 'colorizer+backbone';
}

function under(prefix: string, sd: StateDict, keep = (_: string) => true): StateDict {
  return Object.fromEntries(
    Object.entries(sd)
      .filter(([name]) => name.startsWith(prefix) && keep(name.slice(prefix.length)))
      .map(([name, t]) => [name.slice(prefix.length), t]),
  );
}

interface Plan {
  pairs: [Part, StateDict][];
  ignored: string[];
  strays: string[];
}

/** Which entries go to which part; names under no part are strays (a mismatch). */
function planLoad(network: Network, scope: ExportScope, sd: StateDict, skipHead: boolean): Plan {
  const names = Object.keys(sd);
  if (scope === 'colorizer') {
    const wrapped = names.length > 0 && names.every((n) => n.startsWith(COLORIZER_PREFIX));
    return {
      pairs: [[network.colorizer, wrapped ? under(COLORIZER_PREFIX, sd) : sd]],
      ignored: [],
      strays: [],
    };
  }
  const head = `${network.classifier.headName}.`;
  const isHead = (n: string) => scope === 'network' && n.startsWith(head);
  const pairs: [Part, StateDict][] = [
    [network.colorizer, under(COLORIZER_PREFIX, sd)],
    [network.backbone, under(BACKBONE_PREFIX, sd, (n) => !isHead(n))],
  ];
  if (scope === 'network' && !skipHead) {
    pairs.push([network.classifier, under(BACKBONE_PREFIX, sd, isHead)]);
  }
  const headNames = names.filter((n) => n.startsWith(BACKBONE_PREFIX + head));
  return {
    pairs,
    ignored: scope === 'network' && skipHead ? headNames : [],
    strays: names.filter((n) => !n.startsWith(COLORIZER_PREFIX) && !n.startsWith(BACKBONE_PREFIX)),
  };
}

/** Why the card's architecture cannot describe this network's `scope` (empty when it fits). */
function cardProblems(card: ModelCard, network: Network, scope: ExportScope, skipHead: boolean) {
  const a = card.architecture;
  const problems: string[] = [];
  const differ = (what: string, file: unknown, ours: unknown) => {
    if (file !== ours) problems.push(`card: ${what} is ${file}, this network has ${ours}`);
  };
  differ('scope', card.scope, scope);
  differ('colorizer', a.colorizer, network.colorizer.kind);
  if (scope !== 'colorizer') {
    differ('backbone', a.backbone, network.backbone.kind);
    differ('feature size', a.featureSize, network.backbone.featureSize);
  }
  if (scope === 'network' && !skipHead)
    differ('numClasses', a.numClasses, network.classifier.numClasses);
  return problems;
}

/** Unknown names, then each part's missing, unexpected or wrongly shaped entries. */
function planProblems(plan: Plan): string[] {
  return [
    ...plan.strays.map(
      (n) => `unexpected ${n} (not under ${COLORIZER_PREFIX} or ${BACKBONE_PREFIX})`,
    ),
    ...plan.pairs.flatMap(([part, sd]) => part.stateDictProblems(sd, { strict: true })),
  ];
}

/** "55 unexpected, 12 missing tensors, 1 card field differs": the problems by kind. */
export function problemCounts(problems: readonly string[]): string {
  const count = (test: (p: string) => boolean) => problems.filter(test).length;
  const kinds: [number, string][] = [
    [count((p) => p.startsWith('unexpected ') || p.includes(': unexpected ')), 'unexpected'],
    [count((p) => p.includes(': missing ')), 'missing'],
    [count((p) => p.includes(': wrong shape ')), 'wrong-shaped'],
  ];
  const tensors = kinds.filter(([n]) => n > 0).map(([n, kind]) => `${n} ${kind}`);
  const cards = count((p) => p.startsWith('card: '));
  const parts = tensors.length > 0 ? [`${tensors.join(', ')} tensors`] : [];
  if (cards > 0) parts.push(`${cards} card field${cards > 1 ? 's differ' : ' differs'}`);
  return parts.join('; ');
}

/** One summary line ("coloru weights cannot load into this replicate + resnet18 network: 55
 *  unexpected tensors (nothing loaded)"), then every problem on a line of its own. */
function throwIfMismatched(
  fileName: string,
  scope: ExportScope,
  problems: string[],
  what: { file: string | undefined; network: Network },
): void {
  if (problems.length === 0) return;
  const ours = `${what.network.colorizer.kind} + ${what.network.backbone.kind}`;
  const theirs = what.file ? `${what.file} weights` : `its ${scope} weights`;
  throw new WeightsFileError(
    fileName,
    `${theirs} cannot load into this ${ours} network as a ${scope} export: ` +
      `${problemCounts(problems)} (nothing loaded)\n  ${problems.join('\n  ')}`,
  );
}

/** Re-runs the card's test vectors on the loaded network: worst max |Δ| / max |expected|.
 *  Asynchronous reads only (safe in a worker on WebGPU). */
async function rerunTestVectors(network: Network, card: ModelCard): Promise<number> {
  let worst = 0;
  for (const vector of card.testVectors) {
    const errorAndScale = tf.tidy(() => {
      const [n, c, h, w] = vector.input.shape as [number, number, number, number];
      const x = tf.tensor4d(decodeFloat32(vector.input), [n, c, h, w]).transpose([0, 2, 3, 1]);
      const out = scopeOutput(network, card.scope, x as tf.Tensor4D);
      const ours = out.rank === 4 ? out.transpose([0, 3, 1, 2]) : out;
      const expected = tf.tensor(decodeFloat32(vector.output), vector.output.shape);
      return tf.stack([ours.sub(expected).abs().max(), expected.abs().max()]); // [2]
    });
    const [error = Number.NaN, scale = 0] = await errorAndScale.data();
    errorAndScale.dispose();
    worst = Math.max(worst, error / Math.max(scale, 1e-12));
  }
  return worst;
}

function readCard(text: string | undefined, fileName: string): ModelCard | undefined {
  if (text === undefined) return undefined;
  try {
    return parseModelCard(text);
  } catch (error) {
    throw new WeightsFileError(fileName, (error as Error).message);
  }
}

/**
 * Loads an exported colorizer, colorizer + backbone or whole network (scope detected from the
 * names) into `network`. Every part is checked before any is written: on a mismatch (names,
 * shapes, or the card's architecture) a WeightsFileError lists each problem and the network is
 * unchanged. The file's tensors are disposed before returning.
 */
export async function importModuleFile(
  network: Network,
  bytes: Uint8Array,
  fileName: string,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const unpacked = unpackBundle(bytes, fileName);
  const file = readWeightsFile(unpacked.weights, fileName);
  try {
    const card = readCard(
      opts.cardJson ?? unpacked.cardJson ?? file.metadata[CARD_METADATA_KEY],
      fileName,
    );
    const { renamed, dropped } = normalizeCheckpointNames(file.tensors);
    const scope = detectScope(Object.keys(renamed), network.classifier.headName);
    const plan = planLoad(network, scope, renamed, opts.skipHead ?? false);
    const problems = [
      ...(card ? cardProblems(card, network, scope, opts.skipHead ?? false) : []),
      ...planProblems(plan),
    ];
    throwIfMismatched(fileName, scope, problems, { file: card?.architecture.colorizer, network });
    for (const [part, sd] of plan.pairs) part.loadStateDict(sd, { strict: true });
    // A skipped head leaves our own classifier in place: the card's logits no longer apply.
    const comparable = card && !(scope === 'network' && opts.skipHead);
    return {
      scope,
      format: file.format,
      loaded: Object.keys(renamed).filter((n) => !plan.ignored.includes(n)),
      ignored: [...plan.ignored, ...dropped, ...file.skipped],
      ...(card ? { card } : {}),
      ...(comparable
        ? {
            testVectors: {
              count: card.testVectors.length,
              maxError: await rerunTestVectors(network, card),
            },
          }
        : {}),
    };
  } finally {
    disposeStateDict(file.tensors);
  }
}
