// The privacy note stays true to the code: it names every IndexedDB database and the Cache Storage
// bucket the platform layer opens (read from the sources, so a new store fails here until the note
// says what it holds).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect, it } from 'vitest';
import { WEIGHTS_CACHE } from '../platform/download-weights';
import { PrivacyNote } from './PrivacyNote';

const PLATFORM = join(import.meta.dirname, '..', 'platform');

function databaseNames(): string[] {
  const names = readdirSync(PLATFORM)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .flatMap((file) =>
      [...readFileSync(join(PLATFORM, file), 'utf8').matchAll(/createStore\('([^']+)'/g)].map(
        (m) => m[1] as string,
      ),
    );
  return [...new Set(names)].sort();
}

it('names every store the studio keeps in the browser', () => {
  const names = databaseNames();
  expect(names).toEqual([
    'chromaxr-checkpoints',
    'chromaxr-dataset-index',
    'chromaxr-experiment',
    'chromaxr-image-cache',
    'chromaxr-runs',
  ]);
  const note = renderToStaticMarkup(<PrivacyNote />);
  for (const name of [...names, WEIGHTS_CACHE]) expect(note).toContain(`<code>${name}</code>`);
  expect(note).toContain('nothing is uploaded');
});
