// The folder walks on fakes in Node: the entries API's ≤100-per-call batches, litter, hidden
// folders, nested paths, the handle walk, and which walked files ingestion tries.
import { describe, expect, it } from 'vitest';
import { imageFiles } from './image-cache';
import {
  type DirectoryEntryLike,
  type DirectoryHandleLike,
  type FileEntryLike,
  isIgnoredName,
  readAllEntries,
  sortByPath,
  walkDirectoryHandle,
  walkEntry,
  walkInputFiles,
} from './walk-folder';

const fileEntry = (name: string): FileEntryLike => ({
  isFile: true,
  isDirectory: false,
  name,
  file: (success) => success(new File([name], name)),
});

/** A directory whose reader hands out at most 100 entries per call, as Chromium's does. */
function directoryEntry(name: string, children: (FileEntryLike | DirectoryEntryLike)[]) {
  let calls = 0;
  const entry: DirectoryEntryLike & { calls: () => number } = {
    isFile: false,
    isDirectory: true,
    name,
    calls: () => calls,
    createReader: () => {
      let position = 0;
      return {
        readEntries: (success) => {
          calls++;
          const batch = children.slice(position, position + 100);
          position += batch.length;
          queueMicrotask(() => success(batch));
        },
      };
    },
  };
  return entry;
}

describe('entries API walk', () => {
  it('reads every batch of a 250-entry folder (3 full calls and the empty one)', async () => {
    const names = Array.from({ length: 250 }, (_, i) => `img${String(i).padStart(3, '0')}.png`);
    const folder = directoryEntry('data', names.map(fileEntry));
    const entries = await readAllEntries(folder);
    expect(entries).toHaveLength(250);
    expect(folder.calls()).toBe(4);
  });

  it('walks nested folders with folder-first paths and drops litter and hidden folders', async () => {
    const deep = Array.from({ length: 120 }, (_, i) => fileEntry(`v${i}.jpg`));
    const root = directoryEntry('CheXpert', [
      fileEntry('train.csv'),
      fileEntry('.DS_Store'),
      fileEntry('Thumbs.db'),
      fileEntry('desktop.ini'),
      fileEntry('._train.csv'),
      directoryEntry('.git', [fileEntry('HEAD')]),
      directoryEntry('patient1', [directoryEntry('study1', deep)]),
    ]);
    const walked = sortByPath(await walkEntry(root));
    expect(walked).toHaveLength(121);
    expect(walked[0]?.path).toBe('CheXpert/patient1/study1/v0.jpg');
    expect(walked.at(-1)?.path).toBe('CheXpert/train.csv');
    expect(await walked.at(-1)?.file.text()).toBe('train.csv');
  });
});

describe('handle walk', () => {
  const fileHandle = (name: string) => ({
    kind: 'file' as const,
    name,
    getFile: async () => new File([name], name),
  });
  const dirHandle = (
    name: string,
    children: (ReturnType<typeof fileHandle> | DirectoryHandleLike)[],
  ): DirectoryHandleLike => ({
    kind: 'directory',
    name,
    values: async function* () {
      yield* children;
    },
  });

  it('walks recursively, ignoring litter', async () => {
    const root = dirHandle('set', [
      fileHandle('a.png'),
      fileHandle('Thumbs.db'),
      dirHandle('.hidden', [fileHandle('x.png')]),
      dirHandle('sub', [fileHandle('b.png'), fileHandle('._b.png')]),
    ]);
    const paths = sortByPath(await walkDirectoryHandle(root)).map((f) => f.path);
    expect(paths).toEqual(['set/a.png', 'set/sub/b.png']);
  });

  it('keeps files named without an image extension, which ingestion tries as DICOM', async () => {
    const root = dirHandle('pacs', [
      dirHandle('NORMAL', [fileHandle('IM0001'), fileHandle('1.2.840.113619.2.55.3.7')]),
      fileHandle('DICOMDIR'),
      fileHandle('notes.txt'),
      fileHandle('labels.csv'),
    ]);
    const walked = sortByPath(await walkDirectoryHandle(root));
    expect(walked).toHaveLength(5);
    expect(imageFiles(walked).map((f) => f.path)).toEqual([
      'pacs/DICOMDIR',
      'pacs/NORMAL/1.2.840.113619.2.55.3.7',
      'pacs/NORMAL/IM0001',
    ]);
  });
});

describe('input fallback and names', () => {
  it('uses webkitRelativePath and drops hidden folders', () => {
    const file = (path: string) => {
      const f = new File(['x'], path.split('/').at(-1) ?? path);
      Object.defineProperty(f, 'webkitRelativePath', { value: path });
      return f;
    };
    const walked = walkInputFiles([file('d/b.png'), file('d/.cache/c.png'), file('d/a.png')]);
    expect(walked.map((w) => w.path)).toEqual(['d/a.png', 'd/b.png']);
  });

  it('recognises OS litter', () => {
    for (const name of ['.DS_Store', 'THUMBS.DB', 'desktop.ini', '._x.png', '.Trashes']) {
      expect(isIgnoredName(name)).toBe(true);
    }
    expect(isIgnoredName('view1_frontal.jpg')).toBe(false);
  });
});
