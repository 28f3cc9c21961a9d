// The drop benchmark's harness page exposes its run on window for page.evaluate.
import type { DropHarness } from './harness/drop-main';

declare global {
  interface Window {
    dropHarness: DropHarness;
  }
}
