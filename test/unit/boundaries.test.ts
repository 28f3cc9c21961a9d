// Module boundaries of ARCHITECTURE.md, checked on the import statements: the core imports only
// tfjs and itself; ui and state import tfjs for types only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function imports(file: string): { specifier: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm),
  ].map((m) => ({
    specifier: m[2] ?? m[3] ?? '',
    typeOnly: Boolean(m[1]),
  }));
}

const inLayer = (layer: string) =>
  sourceFiles(join(SRC, layer)).map((f) => ({ file: relative(SRC, f), imports: imports(f) }));

it('core imports nothing but tfjs and other core files', () => {
  const offenders = inLayer('core').flatMap(({ file, imports }) =>
    imports
      .filter(
        ({ specifier }) => !specifier.startsWith('.') && !specifier.startsWith('@tensorflow/tfjs'),
      )
      .concat(
        imports.filter(({ specifier }) => /\.\.\/(platform|worker|state|ui)\b/.test(specifier)),
      )
      .map(({ specifier }) => `${file} imports ${specifier}`),
  );
  expect(offenders).toEqual([]);
});

it('ui and state import tfjs for types only, and never the worker internals or idb-keyval', () => {
  const offenders = [...inLayer('ui'), ...inLayer('state')].flatMap(({ file, imports }) =>
    imports
      .filter(
        ({ specifier, typeOnly }) =>
          (specifier.startsWith('@tensorflow/') && !typeOnly) ||
          specifier === 'idb-keyval' ||
          (/\/core\//.test(specifier) && !typeOnly),
      )
      .map(({ specifier }) => `${file} imports ${specifier}`),
  );
  expect(offenders).toEqual([]);
});

it('only platform imports idb-keyval', () => {
  const layers = ['core', 'worker', 'state', 'ui'];
  const offenders = layers.flatMap((layer) =>
    inLayer(layer)
      .filter(({ imports }) => imports.some((i) => i.specifier === 'idb-keyval'))
      .map(({ file }) => file),
  );
  expect(offenders).toEqual([]);
});
