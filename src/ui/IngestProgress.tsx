// The ingestion's progress (files, rate, time left), its cancel button, its outcome and the list
// of skipped files with their reasons, and what the label files gave.
import { useShallow } from 'zustand/react/shallow';
import { describeAccounting, describeLabelCounts } from '../state/pure-core';
import { fieldsOf } from '../state/selectors';
import { useStudio } from '../state/store';
import { formatDuration } from '../state/training';
import { useCommands } from './commands-context';
import { LabelCountsChart } from './LabelCountsChart';

export function IngestProgress() {
  const { ingest, skipped, folderIndex } = useStudio(
    useShallow(fieldsOf('dataset', 'ingest', 'skipped', 'folderIndex')),
  );
  const { cancelIngest } = useCommands();
  if (ingest === null) return null;
  return (
    <div className="ingest">
      {ingest.running ? (
        <div>
          <label>
            Caching images: {ingest.done} / {ingest.total || '…'}
            {ingest.imagesPerSecond > 0
              ? ` · ${ingest.imagesPerSecond.toFixed(0)} images/s · ${formatDuration(ingest.secondsLeft)} left`
              : ''}
            <progress max={ingest.total || 1} value={ingest.done} />
          </label>
          <button type="button" onClick={cancelIngest}>
            Cancel ingestion
          </button>
        </div>
      ) : (
        <output>
          {ingest.cancelled ? 'Ingestion cancelled; dropping the folder again resumes it. ' : ''}
          {ingest.cached !== null ? `${ingest.cached} images in the cache` : ''}
          {ingest.reused ? ' (reused: this folder was cached before)' : ''}
          {ingest.resumedFrom > 0 ? ` (resumed after ${ingest.resumedFrom} files)` : ''}
        </output>
      )}
      {folderIndex ? (
        <div data-testid="folder-index">
          <p>
            {describeLabelCounts(folderIndex.images, folderIndex.counts, folderIndex.negativeClass)}
            {folderIndex.problems > 0 ? ` · ${folderIndex.problems} label rows skipped` : ''}
          </p>
          <ul className="accounting" aria-label="Where every file went">
            {describeAccounting(folderIndex.accounting).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {folderIndex ? <LabelCountsChart counts={folderIndex.counts} /> : null}
      {skipped.length > 0 ? (
        <details>
          <summary>
            {skipped.length} {skipped.length === 1 ? 'file' : 'files'} skipped
          </summary>
          <ul>
            {skipped.map(({ path, reason }) => (
              <li key={path}>
                <code>{path}</code>: {reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
