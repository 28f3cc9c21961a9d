// Module boundaries of ARCHITECTURE.md, checked on the import statements: the core imports only
// tfjs and itself; ui and state import tfjs for types only.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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
    ...text.matchAll(
      /^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm,
    ),
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
          (/\/core\//.test(specifier) && !typeOnly && file !== PURE_CORE_DOOR),
      )
      .map(({ specifier }) => `${file} imports ${specifier}`),
  );
  expect(offenders).toEqual([]);
});

/** The one file through which ui/ and state/ may take core values (see the test below). */
const PURE_CORE_DOOR = join('state', 'pure-core.ts');

/** Every file `file` reaches through value imports and re-exports (type-only ones excluded). */
function valueImportClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const { specifier, typeOnly } of imports(file)) {
    if (typeOnly || !specifier.startsWith('.')) continue;
    const base = resolve(dirname(file), specifier);
    const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p));
    if (target) valueImportClosure(target, seen);
  }
  return seen;
}

it('the pure-core door reaches no tfjs value, so the page bundle never loads tfjs', () => {
  const reached = [...valueImportClosure(join(SRC, PURE_CORE_DOOR))];
  const offenders = reached.flatMap((file) =>
    imports(file)
      .filter(({ specifier, typeOnly }) => specifier.startsWith('@tensorflow/') && !typeOnly)
      .map(({ specifier }) => `${relative(SRC, file)} imports ${specifier}`),
  );
  expect(reached.length).toBeGreaterThan(1);
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
