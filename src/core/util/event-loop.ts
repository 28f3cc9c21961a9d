// A macrotask boundary for long async loops in a worker. Awaiting tensor read-backs alone resolves
// as microtasks, so messages to the worker (Stop, Pause) would wait until the loop is over.

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
