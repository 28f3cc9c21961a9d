// Label names and uncertainty policies for the chest datasets. Pure data, no imports beyond types.

/** The five labels the paper trains on (CheXpert's competition tasks), in this fixed order. */
export const CHEST_LABELS: readonly string[] = [
  'Atelectasis',
  'Cardiomegaly',
  'Consolidation',
  'Edema',
  'Pleural Effusion',
];

/** What an uncertain (-1) CheXpert label becomes: U-Ones → 1, U-Zeros → 0, U-Ignore → masked. */
export type UncertaintyPolicy = 'ones' | 'zeros' | 'ignore';

/** The CheXpert paper's best policy per competition label (SPEC §5). */
export const DEFAULT_UNCERTAINTY_POLICY: Readonly<Record<string, UncertaintyPolicy>> = {
  Atelectasis: 'ones',
  Cardiomegaly: 'zeros',
  Consolidation: 'zeros',
  Edema: 'ones',
  'Pleural Effusion': 'ones',
};

/**
 * Labels outside the paper's five default to U-Zeros: it treats "uncertain" like "not mentioned",
 * which CheXpert already counts as negative, so no label gets a stronger reading than its text.
 */
export const FALLBACK_UNCERTAINTY_POLICY: UncertaintyPolicy = 'zeros';

export function resolvePolicy(
  label: string,
  overrides?: Partial<Record<string, UncertaintyPolicy>>,
): UncertaintyPolicy {
  return overrides?.[label] ?? DEFAULT_UNCERTAINTY_POLICY[label] ?? FALLBACK_UNCERTAINTY_POLICY;
}

/** ChestX-ray14 writes `Effusion` for CheXpert's `Pleural Effusion`. */
const FINDING_ALIASES: Readonly<Record<string, string>> = { effusion: 'pleural effusion' };

/**
 * Canonical key for comparing finding names across datasets: case, underscores and the
 * ChestX-ray14 aliases do not matter (`Pleural_Thickening` = `Pleural Thickening`).
 */
export function findingKey(name: string): string {
  const key = name.trim().replace(/_/g, ' ').replace(/\s+/g, ' ').toLowerCase();
  return FINDING_ALIASES[key] ?? key;
}
