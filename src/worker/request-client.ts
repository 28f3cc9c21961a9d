// The page's one pattern for talking to a worker: requests tagged with an id, each answered by the
// promise of its reply event (an 'error' event with that id rejects it), and every event streamed
// to subscribers too (progress, steps, skipped files). The training and ingestion clients extend
// it with their typed requests.
//
// A worker that crashes (an error event) or goes silent while requests wait (no message at all for
// `hangMs`: a busy worker posts at least a heartbeat every few seconds) is replaced: every waiting
// request fails with the reason, a new worker starts from the same factory, and `onLost` listeners
// are told, so the page can say so and offer to resume from the last checkpoint.
// No tfjs here.

/** A protocol's request body without the id this client assigns. */
export type Body<R> = R extends { id: number } ? Omit<R, 'id'> : never;

/** The request an event finally answers, with the failure it reports (null: a success), or null
 *  for streamed events (progress and the like). */
export type AnswerOf<E> = (event: E) => { id: number; error: string | null } | null;

type Pending<E> = { resolve: (event: E) => void; reject: (error: Error) => void };

/** What the requests of a crashed or hung worker fail with. Its name lets the page tell it from a
 *  request's own failure: the loss is said once, page-wide (onLost), not beside every control. */
export class WorkerLostError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'WorkerLostError';
  }
}

/** What the client needs of a Worker (tests pass a fake). */
export type WorkerLike = Pick<Worker, 'postMessage' | 'terminate' | 'onmessage' | 'onerror'>;

export interface WatchdogOptions {
  /** Silence that counts as a hang while a request waits. Default 120 s: a training step of a
   *  large model on a slow device can take tens of seconds between two messages. */
  hangMs?: number;
  /** How often silence is checked. */
  checkMs?: number;
  now?: () => number;
}

export class RequestClient<R extends { id: number; kind: string }, E extends { kind: string }> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending<E>>();
  private readonly listeners = new Set<(event: E) => void>();
  private readonly lostListeners = new Set<(reason: string) => void>();
  private worker: WorkerLike;
  private lastHeard: number;
  private readonly hangMs: number;
  private readonly now: () => number;
  private readonly watchdog: ReturnType<typeof setInterval>;

  constructor(
    private readonly spawn: () => WorkerLike,
    /** "training", "ingestion": named in the error a crash rejects every request with. */
    private readonly name: string,
    private readonly answerOf: AnswerOf<E>,
    options: WatchdogOptions = {},
  ) {
    this.hangMs = options.hangMs ?? 120_000;
    this.now = options.now ?? (() => performance.now());
    this.lastHeard = this.now();
    this.worker = this.started();
    this.watchdog = setInterval(() => this.checkSilence(), options.checkMs ?? 5_000);
  }

  /** Sends `body` with a fresh id; resolves with the event that answers it. */
  protected request(
    body: Body<R>,
    transfer: Transferable[] = [],
  ): { id: number; reply: Promise<E> } {
    const id = this.nextId++;
    const reply = new Promise<E>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
    });
    if (this.pending.size === 1) this.lastHeard = this.now(); // silence counts from here
    this.worker.postMessage({ ...body, id }, transfer);
    return { id, reply };
  }

  /** Sends `body` and expects no answer (control messages); `about` is the earlier request it
   *  refers to (a cancel), else it gets a fresh id. */
  protected send(body: Body<R>, about?: number): void {
    this.worker.postMessage({ ...body, id: about ?? this.nextId++ });
  }

  /** Every event, answers included, in arrival order. */
  subscribe(listener: (event: E) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with the reason each time a crashed or silent worker is replaced by a new one. */
  onLost(listener: (reason: string) => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  terminate(): void {
    clearInterval(this.watchdog);
    this.worker.terminate();
    this.failAll(new Error(`The ${this.name} worker was stopped`));
  }

  private started(): WorkerLike {
    const worker = this.spawn();
    worker.onmessage = (message: MessageEvent<E>) => {
      if (worker === this.worker) this.receive(message.data);
    };
    worker.onerror = (error: ErrorEvent) => {
      if (worker === this.worker) this.replace(`The ${this.name} worker crashed: ${error.message}`);
    };
    return worker;
  }

  /** Fails what waits, starts a fresh worker, tells the listeners. */
  private replace(reason: string): void {
    this.worker.terminate();
    this.failAll(new WorkerLostError(reason));
    this.lastHeard = this.now();
    this.worker = this.started();
    for (const listener of this.lostListeners) listener(reason);
  }

  private checkSilence(): void {
    const silent = this.now() - this.lastHeard;
    if (this.pending.size === 0 || silent < this.hangMs) return;
    const seconds = Math.round(silent / 1000);
    this.replace(`The ${this.name} worker stopped responding (no message for ${seconds} s)`);
  }

  private receive(event: E): void {
    this.lastHeard = this.now();
    for (const listener of this.listeners) listener(event);
    const answer = this.answerOf(event);
    const waiting = answer === null ? undefined : this.pending.get(answer.id);
    if (answer === null || !waiting) return;
    this.pending.delete(answer.id);
    if (answer.error === null) waiting.resolve(event);
    else waiting.reject(new Error(answer.error));
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
