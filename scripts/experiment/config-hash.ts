// The config hash every run file carries, so scripts/experiment-report.ts merges only runs of one
// experiment. Hashed: the parsed config (defaults filled in, so a config that spells a default
// out matches one that omits it) without `seeds` (--seeds processes split the seed list, and each
// run file names its seed) and `name` (only the output folder). Everything else — data, split,
// model, training, chains, subsets, draws — changes what a cell means, so it must match.
// Node-only (node:crypto).
import { createHash } from 'node:crypto';
import type { ExperimentConfig } from '../../src/core/experiment/config';

/** 16 hex digits of the SHA-256 of the normalized config's canonical JSON. */
export function configHash(config: ExperimentConfig): string {
  const { seeds: _seeds, name: _name, ...mergeable } = config;
  return createHash('sha256').update(canonicalJson(mergeable)).digest('hex').slice(0, 16);
}

/** JSON with every object's keys sorted, so key order in the file does not change the hash. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
