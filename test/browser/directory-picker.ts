// Stubs the File System Access picker behind "Choose folder…" with an in-page directory of the
// given files, so a browser test can hand the studio a folder without a native dialog.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export interface PickedFile {
  /** The class folder the file sits in. */
  dir: string;
  name: string;
  /** Read from here on the Node side. */
  path: string;
}

/** The first `count` images (by name) of a class folder under `root`, as the stub hands them over. */
export function classImages(root: string, label: string, count: number): PickedFile[] {
  return readdirSync(join(root, label))
    .sort()
    .slice(0, count)
    .map((name) => ({ dir: label, name, path: join(root, label, name) }));
}

export async function stubDirectoryPicker(page: Page, root: string, files: readonly PickedFile[]) {
  // page.evaluate carries JSON only: the bytes travel as base64.
  const entries = files.map((f) => ({
    dir: f.dir,
    name: f.name,
    base64: readFileSync(f.path, 'base64'),
  }));
  await page.evaluate(
    ({ root, entries }) => {
      const file = (e: (typeof entries)[number]) => {
        const bytes = Uint8Array.from(atob(e.base64), (c) => c.charCodeAt(0));
        return { kind: 'file', name: e.name, getFile: async () => new File([bytes], e.name) };
      };
      const directory = (name: string, children: unknown[]) => ({
        kind: 'directory',
        name,
        async *values() {
          yield* children;
        },
      });
      const classes = [...new Set(entries.map((e) => e.dir))].map((dir) =>
        directory(dir, entries.filter((e) => e.dir === dir).map(file)),
      );
      Object.assign(window, { showDirectoryPicker: async () => directory(root, classes) });
    },
    { root, entries },
  );
}
