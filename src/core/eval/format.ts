// Human-readable numbers and names for reports and the UI. Pure core: no DOM or locale APIs, so
// the same strings come out in the browser, the worker and Node. No cell ever reads "NaN".

import type { Variant } from './report-types';
import type { Summary } from './stats';
import type { PairedTTestResult, PairedTTestStatus } from './ttest';

/** How the paper prints AUC: ×100 with one decimal. */
const AUC_SCALE = 100;
const AUC_DIGITS = 1;

/** Names as the paper prints them; anything else is shown as recorded. */
const DISPLAY_NAMES: Record<string, string> = {
  chexpert: 'CheXpert',
  chestxray14: 'ChestX-ray14',
  mura: 'MURA',
  resnet18: 'ResNet18',
  densenet121: 'DenseNet121',
  squeezenet1_1: 'SqueezeNet1.1',
  deconv: 'DECONV',
  pixelshuffle: 'PixelShuffle',
  coloru: 'ColorU',
  replicate: '—',
};

const STATUS_TEXT: Record<PairedTTestStatus, string> = {
  ok: '',
  'not-enough-runs': 'not enough runs',
  'no-difference': 'identical runs',
  'constant-difference': 'constant difference',
};

/** '—' for an absent field (e.g. no colorizer on the baselines). */
export function displayName(key: string | undefined): string {
  if (key === undefined) return '—';
  return DISPLAY_NAMES[key.toLowerCase()] ?? key;
}

/** "PixelShuffle Color Module (from CheXpert)". */
export function variantLabel(variant: Variant): string {
  const colorizer = variant.colorizer === undefined ? '' : `${displayName(variant.colorizer)} `;
  const source =
    variant.trainSource === undefined ? '' : ` (from ${displayName(variant.trainSource)})`;
  return `${colorizer}${variant.procedure}${source}`;
}

/** An AUC in [0, 1] as the paper prints it ("83.4"), or "undefined". */
export function formatAuc(auc: number): string {
  return Number.isNaN(auc) ? 'undefined' : (auc * AUC_SCALE).toFixed(AUC_DIGITS);
}

/**
 * "83.4 ± 0.6" for AUCs in [0, 1]; "83.4 (1 run)" when there is no spread, "—" for no runs,
 * "undefined" when every run's AUC was undefined, and a note when some were.
 */
export function formatMeanSd(summary: Summary): string {
  if (summary.n === 0) return summary.undefinedCount === 0 ? '—' : 'undefined';
  const centre = formatAuc(summary.mean);
  const core = summary.n === 1 ? `${centre} (1 run)` : `${centre} ± ${formatAuc(summary.sd)}`;
  return summary.undefinedCount === 0 ? core : `${core} (${summary.undefinedCount} undefined)`;
}

/** Three decimals as the paper prints them, scientific below 0.001, "—" when there is none. */
export function formatPValue(p: number): string {
  if (Number.isNaN(p)) return '—';
  if (p >= 0.001 || p === 0) return p.toFixed(3);
  return p.toExponential(1);
}

/** The p-value cell: the number, or why there is none. */
export function formatTestP(test: PairedTTestResult): string {
  if (test.status === 'ok') return formatPValue(test.p);
  if (test.status === 'no-difference')
    return `${formatPValue(test.p)} (${STATUS_TEXT[test.status]})`;
  return STATUS_TEXT[test.status];
}

export function formatTStatistic(t: number): string {
  if (Number.isNaN(t)) return '—';
  if (!Number.isFinite(t)) return t > 0 ? '+∞' : '−∞';
  return t.toFixed(2);
}

/** A signed AUC difference in points ×100: "+5.02". */
export function formatAucDifference(difference: number): string {
  if (Number.isNaN(difference)) return '—';
  const points = (difference * AUC_SCALE).toFixed(2);
  return difference > 0 ? `+${points}` : points;
}

/** "10%", "0.1%", "100%". */
export function formatFraction(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(3))}%`;
}
