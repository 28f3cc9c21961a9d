// Bring your own dataset: drop a folder or choose one; its format is detected from the file list
// (and can be overridden), then its images are ingested into the browser's image cache.
import { FolderOpen } from 'lucide-react';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DatasetFormat } from '../core/data/detect';
import { fieldsOf } from '../state/selectors';
import { useStudio } from '../state/store';
import { useCommands } from './commands-context';
import { ErrorText, SelectField } from './fields';
import { IngestProgress } from './IngestProgress';
import { PrivacyNote } from './PrivacyNote';
import { StorageNote } from './StorageNote';

const FORMATS: readonly (readonly [DatasetFormat, string])[] = [
  ['chexpert', 'CheXpert (train.csv / valid.csv)'],
  ['chestxray14', 'ChestX-ray14 (Data_Entry_2017.csv)'],
  ['mura', 'MURA v1.1 (study folders)'],
  ['folder', 'One folder per class'],
  ['csv', 'CSV with a path column and 0/1 label columns'],
  ['unknown', 'Unknown'],
];

export function FolderDrop() {
  const { folder, folderError } = useStudio(
    useShallow(fieldsOf('dataset', 'folder', 'folderError')),
  );
  const { dropFolder, chooseFolder, chooseFormat } = useCommands();
  const [over, setOver] = useState(false);

  return (
    <fieldset className="card">
      <legend>Your dataset</legend>
      <section
        className={over ? 'dropzone over' : 'dropzone'}
        aria-label="Drop a dataset folder here"
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          // The DataTransfer empties once this handler returns: dropFolder reads it first.
          void dropFolder(event.dataTransfer);
        }}
      >
        <p>Drop a CheXpert, ChestX-ray14, MURA or class-per-folder dataset here, or</p>
        <button type="button" className="primary" onClick={() => void chooseFolder()}>
          <FolderOpen size={16} aria-hidden="true" />
          Choose folder…
        </button>
        <PrivacyNote />
      </section>
      <ErrorText error={folderError} />
      {folder ? (
        <div>
          <p>
            <strong>{folder.name}</strong>: {folder.files} files. Detected{' '}
            <strong data-testid="detected-format">{folder.detected.format}</strong>:{' '}
            {folder.detected.reason}
          </p>
          <SelectField
            label="Dataset format"
            value={folder.format}
            options={FORMATS}
            onChange={(format) => void chooseFormat(format)}
            hint="Detected from the file list; override it if the guess is wrong."
          />
        </div>
      ) : null}
      <StorageNote />
      <IngestProgress />
    </fieldset>
  );
}
