// The read-only ../shared folder (real X-rays, real ImageNet weights) sits beside the checkout in
// CI; a fresh clone elsewhere lacks it, and tests that need it skip with a printed reason.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared');

/** Absolute path of a file under ../shared, or null (with the reason printed) when absent. */
export function sharedFile(relativePath: string): string | null {
  const path = resolve(SHARED_DIR, relativePath);
  if (existsSync(path)) return path;
  console.warn(`skipping: ${path} is missing (../shared is only beside CI checkouts)`);
  return null;
}
