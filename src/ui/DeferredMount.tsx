// A chart's first render moved out of the task that brought its data: recharts spends tens of
// milliseconds mounting a chart, and React renders a store update synchronously (zustand's
// useSyncExternalStore), so a chart mounted with its data held the main thread in one long task.
// A deferred value renders in a background (transition) render that React splits into slices.
import { type ReactNode, useDeferredValue } from 'react';

/** `children` from the background render on; an empty box of `height` px until then. */
export function DeferredMount({ height, children }: { height: number; children: ReactNode }) {
  const ready = useDeferredValue(true, false);
  return ready ? children : <div style={{ height }} />;
}
