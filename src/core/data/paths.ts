// Path helpers for dropped folders (always '/'-separated relative paths). Pure string functions.

const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'dcm']);
/**
 * Extensions of files that are known not to be images the studio reads: label files, documents,
 * archives, scripts, and image formats it does not decode. Any other extension, or none, may be a
 * DICOM file (archives name them `IM0001`, PACS exports by UID or number, Siemens `.IMA`).
 */
const OTHER_EXTENSIONS = new Set(
  (
    'csv tsv txt json jsonl xml html htm md rst pdf doc docx xls xlsx ods odt rtf zip gz tgz tar ' +
    '7z bz2 xz rar py ipynb r m sh bat js ts yaml yml toml ini cfg log sha256 md5 ' +
    'gif bmp tif tiff webp heic svg nii nrrd mha mhd raw npy npz h5 hdf5 pt pth safetensors'
  ).split(' '),
);
const OS_LITTER_NAMES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini']);

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function extension(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Files an OS leaves behind: Finder metadata, AppleDouble `._x` forks, Windows thumbnails. */
export function isOsLitter(path: string): boolean {
  const name = baseName(path);
  return (
    OS_LITTER_NAMES.has(name.toLowerCase()) ||
    name.startsWith('._') ||
    path.startsWith('__MACOSX/') ||
    path.includes('/__MACOSX/')
  );
}

/** No image extension, and none known to be something else: ingestion reads its bytes 128–131
 *  and decodes it only when they are DICOM's "DICM" marker (else it is skipped, with the reason). */
export function mayBeDicom(path: string): boolean {
  const ext = extension(path);
  return !IMAGE_EXTENSIONS.has(ext) && !OTHER_EXTENSIONS.has(ext);
}

/** A file ingestion tries to decode, OS litter aside: a PNG, JPEG or DICOM (.dcm) by name, or a
 *  file that may be DICOM without saying so by name (mayBeDicom). */
export function isImagePath(path: string): boolean {
  return (IMAGE_EXTENSIONS.has(extension(path)) || mayBeDicom(path)) && !isOsLitter(path);
}

/**
 * Drops the leading folders every path shares (the dropped folder's own name, in
 * `webkitRelativePath`), but never so far that a path loses its last folder: class folders and
 * split folders must survive.
 */
export function stripCommonRoot(paths: readonly string[]): string[] {
  const split = paths.map((path) => path.split('/'));
  let depth = 0;
  for (;;) {
    const first = split[0]?.[depth];
    const shared = split.every((parts) => parts.length > depth + 2 && parts[depth] === first);
    if (first === undefined || !shared) break;
    depth++;
  }
  return split.map((parts) => parts.slice(depth).join('/'));
}

/**
 * Patient id from a path, for layouts without a patient column. Recognises `patientNNNNN` folders
 * (CheXpert, MURA) and the Kermany pediatric file names (`person12_virus_30.jpeg`,
 * `IM-0122-0001.jpeg`, `NORMAL2-IM-1294-0001.jpeg`, several images per patient). Anything else is
 * its own patient, so a split of such a dataset is by image.
 */
export function patientIdFromPath(path: string): string {
  const folder = /(?:^|\/)(patient\d+)\//i.exec(path);
  if (folder?.[1]) return folder[1];
  const kermany = /^(person\d+)_|^((?:NORMAL2-)?IM-\d+)-\d+/i.exec(baseName(path));
  return kermany?.[1] ?? kermany?.[2] ?? path;
}
