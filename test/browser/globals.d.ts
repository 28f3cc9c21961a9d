// The harness page exposes its checks on window for page.evaluate.
import type { Harness } from './harness/main';

declare global {
  interface Window {
    harness: Harness;
  }
}
