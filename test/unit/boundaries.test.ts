// Module boundaries of ARCHITECTURE.md ("Layers"), checked on every module reference in src/ and
// scripts/: imports and re-exports (value or type-only), `import('…')` in types and in calls, and
// `new URL('…', import.meta.url)` worker references. The TypeScript parser reads them, so imports
// over several lines and in type positions count as well. Tests (*.test.ts) are exempt.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** 'type' references vanish when compiled; 'value' ones load the module at run time. */
type Use = 'type' | 'value';

type Layer = 'core' | 'platform' | 'worker' | 'state' | 'ui' | 'main' | 'scripts';

/** What a reference points at: a layer, test/, a package, or some other file of the repository. */
type Zone = Layer | 'test' | 'tfjs' | 'idb-keyval' | 'package' | 'elsewhere';

type Allowed = Partial<Record<Zone, Use>>;

/**
 * What each layer may reference: 'value' allows any import, 'type' only `import type` and
 * `export type … from`; a zone left out is never allowed. The page (ui, state, and main.tsx that
 * mounts them) takes the core, the worker and tfjs as types only: it talks to the worker through
 * messages, and a value would pull tfjs into the page bundle. Nothing imports test/, and only
 * platform imports idb-keyval.
 */
const MATRIX: Record<Layer, Allowed> = {
  core: { core: 'value', tfjs: 'value' },
  platform: {
    platform: 'value',
    core: 'value',
    tfjs: 'value',
    'idb-keyval': 'value',
    package: 'value',
  },
  worker: { worker: 'value', platform: 'value', core: 'value', tfjs: 'value', package: 'value' },
  state: { state: 'value', worker: 'type', core: 'type', tfjs: 'type', package: 'value' },
  ui: { ui: 'value', state: 'value', worker: 'type', core: 'type', tfjs: 'type', package: 'value' },
  // The composition root: starts the workers and hands platform adapters to the state's commands.
  main: {
    main: 'value',
    ui: 'value',
    state: 'value',
    worker: 'value',
    platform: 'value',
    core: 'type',
    tfjs: 'type',
    package: 'value',
  },
  scripts: {
    scripts: 'value',
    core: 'value',
    platform: 'value',
    worker: 'value',
    state: 'value',
    ui: 'value',
    tfjs: 'value',
    package: 'value',
    elsewhere: 'value',
  },
};

/** The one file through which the page may take core values (see the door test below). */
const PURE_CORE_DOOR = 'src/state/pure-core.ts';

/** Single files allowed more than their layer. */
const DOORS: Record<string, Allowed> = { [PURE_CORE_DOOR]: { core: 'value' } };

/** Where repository paths belong, the first matching prefix winning. */
const PATH_ZONES: [string, Zone][] = [
  ['src/core/', 'core'],
  ['src/platform/', 'platform'],
  ['src/worker/', 'worker'],
  ['src/state/', 'state'],
  ['src/ui/', 'ui'],
  ['src/main.tsx', 'main'],
  ['scripts/', 'scripts'],
  ['test/', 'test'],
];

const PACKAGE_ZONES: [RegExp, Zone][] = [
  [/^@tensorflow\/tfjs/, 'tfjs'],
  [/^idb-keyval$/, 'idb-keyval'],
];

interface Reference {
  /** How the source spells it, for the offender messages. */
  how: string;
  specifier: string;
  use: Use;
}

interface Resolved extends Reference {
  /** Repository path of the file it loads (as written when no file matches), or the package name. */
  target: string;
  zone: Zone;
}

interface Source {
  path: string;
  layer: Layer;
  references: Resolved[];
}

/** Module references in one file's text, in source order. */
function referencesIn(fileName: string, text: string): Reference[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const found: Reference[] = [];
  const visit = (node: ts.Node): void => {
    const reference = referenceAt(node);
    if (reference) found.push(reference);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

// `import { type A } from 'x'` counts as a value: under verbatimModuleSyntax it compiles to
// `import {} from 'x'`, which still loads the module.
function referenceAt(node: ts.Node): Reference | undefined {
  if (ts.isImportDeclaration(node)) {
    const typeOnly = node.importClause?.phaseModifier === ts.SyntaxKind.TypeKeyword;
    return typeOnly
      ? reference('import type', node.moduleSpecifier, 'type')
      : reference('import', node.moduleSpecifier, 'value');
  }
  if (ts.isExportDeclaration(node)) {
    return node.isTypeOnly
      ? reference('export type … from', node.moduleSpecifier, 'type')
      : reference('export … from', node.moduleSpecifier, 'value');
  }
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
    return reference("import('…') type", node.argument.literal, 'type');
  }
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
    return reference("import('…')", node.arguments[0], 'value');
  }
  return reference("new URL('…', import.meta.url)", moduleUrlArgument(node), 'value');
}

function reference(how: string, specifier: ts.Node | undefined, use: Use): Reference | undefined {
  return specifier && ts.isStringLiteralLike(specifier)
    ? { how, specifier: specifier.text, use }
    : undefined;
}

/** The path in `new URL(path, import.meta.url)`, how Vite finds worker entry points. */
function moduleUrlArgument(node: ts.Node): ts.Expression | undefined {
  if (!ts.isNewExpression(node) || !ts.isIdentifier(node.expression)) return undefined;
  const [path, base] = node.arguments ?? [];
  const fromModule =
    base !== undefined &&
    ts.isPropertyAccessExpression(base) &&
    ts.isMetaProperty(base.expression) &&
    base.name.text === 'url';
  return node.expression.text === 'URL' && fromModule ? path : undefined;
}

/** The file a relative specifier loads, the way the bundler looks for it. */
function resolveFile(from: string, specifier: string): string {
  const base = resolve(dirname(join(ROOT, from)), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
  const file = candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? base;
  return relative(ROOT, file);
}

function resolveReference(from: string, reference: Reference): Resolved {
  if (!reference.specifier.startsWith('.')) {
    const zone = PACKAGE_ZONES.find(([pattern]) => pattern.test(reference.specifier))?.[1];
    return { ...reference, target: reference.specifier, zone: zone ?? 'package' };
  }
  const target = resolveFile(from, reference.specifier);
  return { ...reference, target, zone: zoneOfPath(target) ?? 'elsewhere' };
}

function zoneOfPath(path: string): Zone | undefined {
  return PATH_ZONES.find(([prefix]) => path.startsWith(prefix))?.[1];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function readSource(path: string): Source {
  const layer = zoneOfPath(path) as Layer;
  const references = referencesIn(path, readFileSync(join(ROOT, path), 'utf8'));
  return { path, layer, references: references.map((r) => resolveReference(path, r)) };
}

const SOURCES = [...sourceFiles('src'), ...sourceFiles('scripts')].map(readSource);

const describeReference = (source: Source, r: Resolved) =>
  `${source.path}: ${r.how} '${r.specifier}'`;

describe('the scanner', () => {
  it('reads every kind of module reference, telling type-only ones from values', () => {
    const text = [
      "import a, { b } from './a';",
      "import type { C } from './c';",
      "import { type D } from './d';",
      "import './e.css';",
      "export * from './f';",
      "export type { G } from './g';",
      "type H = import('./h').H;",
      "const i = await import('./i');",
      "new Worker(new URL('./j.worker.ts', import.meta.url));",
      "new URL('./k', location.href);",
    ].join('\n');
    expect(referencesIn('x.ts', text).map((r) => `${r.use} ${r.specifier}`)).toEqual([
      'value ./a',
      'type ./c',
      'value ./d',
      'value ./e.css',
      'value ./f',
      'type ./g',
      'type ./h',
      'value ./i',
      'value ./j.worker.ts',
    ]);
  });

  it('puts every file of src/ and scripts/ in a layer of the matrix', () => {
    const layers = new Set(SOURCES.map((s) => s.layer));
    expect([...layers].sort()).toEqual(Object.keys(MATRIX).sort());
  });
});

const ZONE_NAMES: Partial<Record<Zone, string>> = {
  package: 'other packages',
  elsewhere: 'other repository files',
};

/** A matrix row in words, for the test titles. */
function describeAllowed(allowed: Allowed): string {
  const zones = (use: Use) =>
    Object.keys(allowed)
      .filter((zone) => allowed[zone as Zone] === use)
      .map((zone) => ZONE_NAMES[zone as Zone] ?? zone)
      .join(', ');
  const types = zones('type');
  return types ? `${zones('value')}; types only from ${types}` : zones('value');
}

function matrixOffenders(layer: Layer): string[] {
  return SOURCES.filter((s) => s.layer === layer).flatMap((source) =>
    source.references.flatMap((r) => {
      const allowed = DOORS[source.path]?.[r.zone] ?? MATRIX[layer][r.zone];
      if (allowed === 'value' || (allowed === 'type' && r.use === 'type')) return [];
      const rule = allowed === 'type' ? 'types only' : 'never';
      return [`${describeReference(source, r)} (${layer} → ${r.zone}: ${rule})`];
    }),
  );
}

describe('the layer matrix', () => {
  const rows = Object.entries(MATRIX).map(([layer, allowed]) => [layer, describeAllowed(allowed)]);
  it.each(rows)('%s imports only %s', (layer) => {
    expect(matrixOffenders(layer as Layer)).toEqual([]);
  });
});

/** The core folder a core file lives in; files at the root of src/core go by their own name. */
function coreFolder(path: string): string {
  return relative('src/core', path).split('/')[0] ?? path;
}

/** A reference from one core folder to another. */
interface Edge {
  from: string;
  to: string;
  /** The reference as an offender message. */
  text: string;
}

function coreEdges(): Edge[] {
  return SOURCES.filter((s) => s.layer === 'core').flatMap((source) =>
    source.references
      .filter((r) => r.zone === 'core' && coreFolder(r.target) !== coreFolder(source.path))
      .map((r) => ({
        from: coreFolder(source.path),
        to: coreFolder(r.target),
        text: describeReference(source, r),
      })),
  );
}

const CORE_EDGES = coreEdges();

type FolderTest = (folder: string) => boolean;

const isIn =
  (...folders: string[]): FolderTest =>
  (folder) =>
    folders.includes(folder);

/** Inside the core: which folders must not reference which, types included. */
const CORE_RULES: { rule: string; from: FolderTest; to: FolderTest }[] = [
  {
    rule: 'core/model never imports core/weights (file formats know the model, not the reverse)',
    from: isIn('model'),
    to: isIn('weights'),
  },
  {
    rule: 'core/data and core/eval never import core/train or core/experiment',
    from: isIn('data', 'eval'),
    to: isIn('train', 'experiment'),
  },
  {
    rule: 'only core/experiment and core/index.ts import core/experiment (it composes the rest)',
    from: (folder) => !isIn('experiment', 'index.ts')(folder),
    to: isIn('experiment'),
  },
];

describe('inside the core', () => {
  for (const { rule, from, to } of CORE_RULES) {
    it(rule, () => {
      const offenders = CORE_EDGES.filter((e) => from(e.from) && to(e.to)).map((e) => e.text);
      expect(offenders).toEqual([]);
    });
  }

  it('no two core folders import each other, directly or round a longer cycle', () => {
    expect(folderCycles(CORE_EDGES)).toEqual([]);
  });
});

/** Every folder `start` reaches through the edges, `start` itself excluded unless on a cycle. */
function reachable(edges: Edge[], start: string): Set<string> {
  const seen = new Set<string>();
  const pending = [start];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    for (const { to } of edges.filter((e) => e.from === folder && !seen.has(e.to))) {
      seen.add(to);
      pending.push(to);
    }
  }
  return seen;
}

/** Sets of folders that each reach all the others; per set, one line for each edge inside it. */
function folderCycles(edges: Edge[]): string[] {
  const folders = [...new Set(edges.map((e) => e.from))].sort();
  const reach = new Map(folders.map((f) => [f, reachable(edges, f)]));
  const cycles = new Set<string>();
  for (const folder of folders.filter((f) => reach.get(f)?.has(f))) {
    const members = folders.filter((f) => reach.get(folder)?.has(f) && reach.get(f)?.has(folder));
    cycles.add(members.join(' ⇄ '));
  }
  return [...cycles].flatMap((cycle) => {
    const members = cycle.split(' ⇄ ');
    const witnesses = new Map<string, string>();
    for (const e of edges.filter((e) => members.includes(e.from) && members.includes(e.to))) {
      const edge = `${e.from} → ${e.to}`;
      if (!witnesses.has(edge)) witnesses.set(edge, `cycle ${cycle}: ${edge} (${e.text})`);
    }
    return [...witnesses.values()];
  });
}

/** Every source `path` reaches through value references (type-only ones excluded). */
function valueClosure(path: string, seen = new Set<string>()): Set<string> {
  const source = SOURCES.find((s) => s.path === path);
  if (!source || seen.has(path)) return seen;
  seen.add(path);
  for (const r of source.references.filter((r) => r.use === 'value')) valueClosure(r.target, seen);
  return seen;
}

it('the pure-core door reaches no tfjs value, so the page bundle never loads tfjs', () => {
  const reached = [...valueClosure(PURE_CORE_DOOR)];
  const offenders = SOURCES.filter((s) => reached.includes(s.path)).flatMap((source) =>
    source.references
      .filter((r) => r.zone === 'tfjs' && r.use === 'value')
      .map((r) => describeReference(source, r)),
  );
  expect(reached.length).toBeGreaterThan(1);
  expect(offenders).toEqual([]);
});
