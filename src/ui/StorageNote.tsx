// Before a large ingestion: the browser storage the image cache will take, what is free, and
// whether the browser promised not to evict it.
import { useStudio } from '../state/store';

const gigabytes = (bytes: number) =>
  Number.isFinite(bytes) ? `${(bytes / 1e9).toFixed(2)} GB` : 'no stated limit';

export function StorageNote() {
  const storage = useStudio((s) => s.dataset.storage);
  if (storage === null) return null;
  const free = storage.quotaBytes - storage.usageBytes;
  return (
    <p className="hint" data-testid="storage-note">
      Image cache ≈ {gigabytes(storage.neededBytes)}; browser storage free for this site:{' '}
      {gigabytes(free)}.{' '}
      {storage.persisted
        ? 'Persistent: the browser will not evict the cache.'
        : 'Not persistent: the browser may evict the cache when the disk is short.'}
    </p>
  );
}
