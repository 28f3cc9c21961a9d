// Turns a dropped or picked folder into a flat list of relative paths and Files. Browser-only
// (DataTransfer, File System Access, the entries API); no tfjs and no core imports needed.

/** One file of a dropped folder; `path` is relative, '/'-separated, the folder's name first. */
export interface WalkedFile {
  path: string;
  file: File;
}

/*
 * The File System Access handle types are declared here, structurally and only as far as used:
 * TypeScript's DOM lib lacks their async iteration (DOM.AsyncIterable) and getAsFileSystemHandle,
 * and the narrow shapes let the unit tests pass plain fakes.
 */
export interface FileHandleLike {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
}
export interface DirectoryHandleLike {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<FileHandleLike | DirectoryHandleLike>;
}

/** The entries API (webkitGetAsEntry), narrowed the same way. */
export interface FileEntryLike {
  isFile: true;
  isDirectory: false;
  name: string;
  file(success: (file: File) => void, failure: (error: unknown) => void): void;
}
export interface DirectoryEntryLike {
  isFile: false;
  isDirectory: true;
  name: string;
  createReader(): {
    readEntries(
      success: (entries: (FileEntryLike | DirectoryEntryLike)[]) => void,
      failure: (error: unknown) => void,
    ): void;
  };
}
type EntryLike = FileEntryLike | DirectoryEntryLike;

const LITTER = new Set(['.ds_store', 'thumbs.db', 'desktop.ini']);

/** OS litter and hidden files or folders (a leading dot, AppleDouble `._*` files included). */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || LITTER.has(name.toLowerCase());
}

/** Walks a directory handle depth-first; paths start with `prefix` (the folder's own name). */
export async function walkDirectoryHandle(
  directory: DirectoryHandleLike,
  prefix = directory.name,
): Promise<WalkedFile[]> {
  const found: WalkedFile[] = [];
  for await (const handle of directory.values()) {
    if (isIgnoredName(handle.name)) continue;
    const path = `${prefix}/${handle.name}`;
    if (handle.kind === 'file') found.push({ path, file: await handle.getFile() });
    else found.push(...(await walkDirectoryHandle(handle, path)));
  }
  return found;
}

/** Every entry of a directory: readEntries returns at most 100 per call in Chromium, so it is
 *  called again until it answers with an empty batch. */
export async function readAllEntries(directory: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = directory.createReader();
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** Walks an entry of the entries API (a file yields itself, a directory its whole subtree). */
export async function walkEntry(entry: EntryLike, prefix = ''): Promise<WalkedFile[]> {
  if (isIgnoredName(entry.name)) return [];
  const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
    return [{ path, file }];
  }
  const found: WalkedFile[] = [];
  for (const child of await readAllEntries(entry)) found.push(...(await walkEntry(child, path)));
  return found;
}

type DropItem = DataTransferItem & {
  getAsFileSystemHandle?: () => Promise<FileHandleLike | DirectoryHandleLike | null>;
};

/** A started walk of one dropped item: handles where available, else the entries API. */
function startItemWalk(item: DropItem): Promise<WalkedFile[]> | null {
  if (item.kind !== 'file') return null;
  if (item.getAsFileSystemHandle) {
    return item.getAsFileSystemHandle().then(async (handle) => {
      if (!handle || isIgnoredName(handle.name)) return [];
      if (handle.kind === 'directory') return walkDirectoryHandle(handle);
      return [{ path: handle.name, file: await handle.getFile() }];
    });
  }
  const entry = item.webkitGetAsEntry() as unknown as EntryLike | null;
  return entry ? walkEntry(entry) : null;
}

/**
 * The files of a drop, sorted by path. Every item's handle or entry is requested synchronously,
 * before the first await: the DataTransfer is emptied once the drop event handler returns.
 */
export async function walkDataTransfer(transfer: DataTransfer): Promise<WalkedFile[]> {
  const walks = Array.from(transfer.items, (item) => startItemWalk(item as DropItem));
  const found = (await Promise.all(walks.filter((w) => w !== null))).flat();
  return sortByPath(found);
}

export function sortByPath(files: WalkedFile[]): WalkedFile[] {
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The files of an `<input type=file webkitdirectory>` (webkitRelativePath starts with the
 *  folder's name), litter and hidden folders left out. */
export function walkInputFiles(files: FileList | readonly File[]): WalkedFile[] {
  const found = Array.from(files, (file) => ({ path: file.webkitRelativePath || file.name, file }));
  return sortByPath(found.filter(({ path }) => !path.split('/').some(isIgnoredName)));
}

/** A hidden `<input type=file webkitdirectory>`, clicked: the picker where showDirectoryPicker is
 *  missing. Resolves with [] when the user cancels. Must run inside a user gesture. */
export function pickFolderWithInput(): Promise<WalkedFile[]> {
  const input = document.createElement('input');
  input.type = 'file';
  input.webkitdirectory = true;
  return new Promise((resolve) => {
    input.addEventListener('change', () => resolve(walkInputFiles(input.files ?? [])));
    input.addEventListener('cancel', () => resolve([]));
    input.click();
  });
}

type PickerWindow = Window & { showDirectoryPicker?: () => Promise<DirectoryHandleLike> };

/** The folder picker: File System Access where available, else the input fallback. Resolves
 *  with [] when the user cancels. */
export async function pickFolder(): Promise<WalkedFile[]> {
  const picker = (window as PickerWindow).showDirectoryPicker;
  if (!picker) return pickFolderWithInput();
  try {
    return sortByPath(await walkDirectoryHandle(await picker.call(window)));
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return [];
    throw error;
  }
}
