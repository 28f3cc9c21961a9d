// The ingestion harness page exposes its functions on window for page.evaluate.
import type { IngestHarness } from './harness/ingest-main';

declare global {
  interface Window {
    ingestHarness: IngestHarness;
  }
}
