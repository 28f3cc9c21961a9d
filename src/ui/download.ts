// Saves bytes as a file download: a Blob URL on a temporary <a download>. Browser-only.
import type { SaveFile } from '../state/commands';

export const saveFile: SaveFile = (fileName, bytes, type) => {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once click() returns; a tick later the URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
};
