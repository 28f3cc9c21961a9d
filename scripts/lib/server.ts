// Serves pages to headless Chromium: the Vite dev server for the test harness and the experiment
// runner's page (core code loaded as modules), and a production build + preview for the app itself.
// Shared by the browser tests, the benches and scripts/experiment/, hence scripts/lib/ (scripts
// never import test/).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, createServer, preview } from 'vite';

const ROOT = resolve(import.meta.dirname, '..', '..');

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serveDev(): Promise<Served> {
  const server = await createServer({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    // No HMR: an edit in the tree while a long bench or test runs must not reload its page.
    server: { port: 0, hmr: false },
    logLevel: 'warn',
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite dev server has no local URL');
  return { url, close: () => server.close() };
}

export async function serveBuiltApp(): Promise<Served> {
  const outDir = mkdtempSync(join(tmpdir(), 'chromaxr-dist-'));
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  const server = await preview({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    build: { outDir },
    preview: { port: 0 },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview has no local URL');
  return { url, close: () => server.close() };
}
