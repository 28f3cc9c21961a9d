// CheXpert-layout CSV rows for phantom records (SPEC §5). Pure string code, no imports but types.
// Images are PNG: paths keep CheXpert's folders but end in `.png` (the parser and the ingestion
// accept either extension), so the phantom needs no JPEG encoder.

import { FINDINGS, type Finding, type LabelCell, type PhantomRecord } from './types';

export const CHEXPERT_ROOT = 'CheXpert-v1.0-small';

/** The 19 columns of CheXpert's train.csv and valid.csv, in the file's order. */
export const CHEXPERT_COLUMNS: readonly string[] = [
  'Path',
  'Sex',
  'Age',
  'Frontal/Lateral',
  'AP/PA',
  'No Finding',
  'Enlarged Cardiomediastinum',
  'Cardiomegaly',
  'Lung Opacity',
  'Lung Lesion',
  'Edema',
  'Consolidation',
  'Pneumonia',
  'Atelectasis',
  'Pneumothorax',
  'Pleural Effusion',
  'Pleural Other',
  'Fracture',
  'Support Devices',
];

export const CHEXPERT_HEADER = CHEXPERT_COLUMNS.join(',');

/** Findings behind CheXpert's "Lung Opacity" column. */
const OPACITIES: readonly Finding[] = ['Atelectasis', 'Consolidation', 'Edema'];

function formatCell(cell: LabelCell): string {
  return cell === null ? '' : cell === 1 ? '1.0' : cell === 0 ? '0.0' : '-1.0';
}

/**
 * The columns the phantom does not draw follow from the five it does, as the CheXpert labeler
 * would write them: No Finding when nothing is positive or uncertain, Enlarged Cardiomediastinum
 * with Cardiomegaly, Lung Opacity with any opacity. The rest are not mentioned (valid: 0.0).
 */
function derivedCells(
  labels: Record<Finding, LabelCell>,
  complete: boolean,
): Record<string, LabelCell> {
  const negative: LabelCell = complete ? 0 : null;
  const mentioned = FINDINGS.some((finding) => labels[finding] === 1 || labels[finding] === -1);
  const opacity = OPACITIES.some((finding) => labels[finding] === 1);
  return {
    'No Finding': mentioned ? negative : 1,
    'Enlarged Cardiomediastinum': labels.Cardiomegaly === 1 ? 1 : negative,
    'Lung Opacity': opacity ? 1 : negative,
  };
}

/** One CSV line (no line end). Valid-split rows are complete, as in CheXpert's valid.csv. */
export function cheXpertRow(record: PhantomRecord): string {
  const complete = record.split !== 'train';
  const derived = derivedCells(record.labels, complete);
  const cells = CHEXPERT_COLUMNS.slice(5).map((column) => {
    if (column in record.labels) return formatCell(record.labels[column as Finding]);
    return formatCell(derived[column] ?? (complete ? 0 : null));
  });
  const frontal = record.view === 'frontal';
  return [
    record.path,
    record.sex,
    String(record.age),
    frontal ? 'Frontal' : 'Lateral',
    frontal ? record.projection : '',
    ...cells,
  ].join(',');
}
