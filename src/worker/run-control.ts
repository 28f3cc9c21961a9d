// Pause, resume and stop for the running stage. The messages arrive on the worker's event loop
// while the loop awaits between steps, so they are answered without waiting for the queue.
export class RunControl {
  private stopRequested = false;
  private paused: { promise: Promise<void>; release: () => void } | null = null;

  reset(): void {
    this.stopRequested = false;
    this.resume();
  }

  pause(): void {
    if (this.paused) return;
    let release = () => {};
    const promise = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.paused = { promise, release };
  }

  resume(): void {
    this.paused?.release();
    this.paused = null;
  }

  /** A stop also releases a pause, so the stage can finish and restore its best weights. */
  stop(): void {
    this.stopRequested = true;
    this.resume();
  }

  get isPaused(): boolean {
    return this.paused !== null;
  }

  readonly shouldStop = (): boolean => this.stopRequested;

  readonly waitWhilePaused = (): Promise<void> => this.paused?.promise ?? Promise.resolve();
}
