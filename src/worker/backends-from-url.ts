// `?backends=webgl,cpu` overrides the backend order, to compare devices or work around a broken
// WebGPU driver without code changes. Pure string handling.
import type { BackendName } from '../core/backend/select';

const KNOWN: readonly BackendName[] = ['webgpu', 'webgl', 'cpu'];

/** The backends named in the query string, in order, or undefined for the default order. */
export function backendsFromUrl(search: string): BackendName[] | undefined {
  const raw = new URLSearchParams(search).get('backends');
  if (!raw) return undefined;
  const names = raw.split(',').map((s) => s.trim().toLowerCase());
  const chosen = names.filter((n): n is BackendName => (KNOWN as readonly string[]).includes(n));
  return chosen.length > 0 ? chosen : undefined;
}
