// A stand-in for the training worker's event stream: the store's router subscribes to it, and a
// test delivers events with `emit` as the worker would post them.
import type { WorkerEvent } from '../../src/worker/protocol';

export function fakeWorkerSource() {
  let listener: ((event: WorkerEvent) => void) | null = null;
  return {
    subscribe(l: (event: WorkerEvent) => void) {
      listener = l;
      return () => {
        listener = null;
      };
    },
    emit: (event: WorkerEvent) => listener?.(event),
  };
}
