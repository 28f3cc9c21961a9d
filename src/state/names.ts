// The words the studio shows for its choices: the paper's names, never internal ids.
import type { ModelSpec } from '../worker/protocol';
import { COLORIZER_NAMES, displayName } from './pure-core';

const WIDTH_NAMES: Record<string, string> = {
  '1': 'full width',
  '0.5': 'width ½',
  '0.25': 'width ¼',
  '0.125': 'width ⅛',
};

export const colorizerName = (kind: ModelSpec['colorizer']): string => COLORIZER_NAMES[kind];

/** "width ⅛" (or "width 0.3" for a multiplier the form does not offer). */
export const widthName = (multiplier: number): string =>
  WIDTH_NAMES[String(multiplier)] ?? `width ${multiplier}`;

/** "ColorU + ResNet18"; gray replication needs no "+": "Gray replication → ResNet18". */
export function networkName(spec: Pick<ModelSpec, 'colorizer' | 'backbone'>): string {
  const joint = spec.colorizer === 'replicate' ? ' → ' : ' + ';
  return `${colorizerName(spec.colorizer)}${joint}${displayName(spec.backbone)}`;
}

/** "ColorU + ResNet18 (width ⅛, 32 px)". */
export const modelName = (spec: ModelSpec): string =>
  `${networkName(spec)} (${widthName(spec.widthMultiplier)}, ${spec.inputSize} px)`;

/** An AUC in [0, 1] to three decimals ("0.792"); the paper's tables print ×100 instead. */
export const aucText = (auc: number): string => (Number.isNaN(auc) ? 'undefined' : auc.toFixed(3));
