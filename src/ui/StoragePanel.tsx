// What this browser stores for the studio, and the way to free it: the site's usage and quota (by
// kind where the browser says), each cached dataset with its estimated size and a Delete (after a
// confirmation; the dataset loaded for training cannot go), and where checkpoints and runs are.
import { useCallback, useEffect, useState } from 'react';
import { STAGES } from '../state/pure-core';
import { useStudio } from '../state/store';
import type { StorageUse, StoredItems } from '../worker/ingest-protocol';
import { useCommands } from './commands-context';
import { ErrorText } from './fields';

const bytes = (n: number) =>
  n >= 1e9
    ? `${(n / 1e9).toFixed(2)} GB`
    : n >= 1e6
      ? `${(n / 1e6).toFixed(1)} MB`
      : `${(n / 1e3).toFixed(1)} kB`;

function DatasetRow(props: {
  dataset: StorageUse['datasets'][number];
  onDelete: (key: string) => void;
}) {
  const { dataset, onDelete } = props;
  const [confirming, setConfirming] = useState(false);
  return (
    <tr>
      <td className="name">{dataset.name}</td>
      <td>{dataset.images.toLocaleString('en-US')}</td>
      <td>≈ {bytes(dataset.bytes)}</td>
      <td>
        {confirming ? (
          <>
            <button type="button" className="danger" onClick={() => onDelete(dataset.key)}>
              Delete {dataset.name} for good
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            Delete…<span className="visually-hidden"> {dataset.name}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

const stageTitle = (stage: string) =>
  (STAGES as Record<string, { title: string }>)[stage]?.title ?? stage;

function OtherItems({ use }: { use: StoredItems }) {
  const { checkpoint, runs } = use;
  return (
    <ul className="stored-items">
      <li>
        Checkpoint:{' '}
        {checkpoint
          ? `${stageTitle(checkpoint.stage)}, step ${checkpoint.step} of ${checkpoint.totalSteps} (saved ${checkpoint.savedAt.slice(0, 16).replace('T', ' ')} UTC), ≈ ${bytes(checkpoint.bytes)} with the one before`
          : 'none'}
      </li>
      <li>
        Runs history: {runs.count.toLocaleString('en-US')} stage runs, ≈ {bytes(runs.bytes)}
      </li>
    </ul>
  );
}

export function StoragePanel() {
  const { storageUse, deleteCachedDataset } = useCommands();
  const [use, setUse] = useState<(StorageUse & StoredItems) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const guard = useCallback((work: Promise<StorageUse & StoredItems>) => {
    work.then(setUse, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  // Asked again whenever a folder finishes indexing (its cache is then complete) and when the
  // panel is opened, so it never shows what was stored before the last drop.
  const indexed = useStudio((s) => s.dataset.folderIndex);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `indexed` is the refresh signal
  useEffect(() => guard(storageUse()), [guard, storageUse, indexed]);
  return (
    <details
      className="card storage-panel"
      onToggle={(event) => {
        if (event.currentTarget.open) guard(storageUse());
      }}
    >
      <summary>
        Stored in this browser{use ? `: ${bytes(use.usage)} of ${bytes(use.quota)}` : ''}
      </summary>
      {use && use.datasets.length === 0 ? (
        <p>No cached datasets yet: drop or choose a folder above.</p>
      ) : null}
      {use && use.datasets.length > 0 ? (
        <table>
          <caption>Cached datasets (decoded images and label index)</caption>
          <thead>
            <tr>
              <th scope="col">Dataset</th>
              <th scope="col">Images</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Delete</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {use.datasets.map((d) => (
              <DatasetRow
                key={d.key}
                dataset={d}
                onDelete={(key) => {
                  setError(null);
                  guard(deleteCachedDataset(key));
                }}
              />
            ))}
          </tbody>
        </table>
      ) : null}
      {use ? <OtherItems use={use} /> : null}
      <p className="hint">
        The checkpoint goes when its stage ends or a new model is built; stage runs are deleted in
        Results; downloaded weights sit in the browser's Cache Storage. The browser's site-data
        settings delete everything at once.
      </p>
      <ErrorText error={error} />
    </details>
  );
}
