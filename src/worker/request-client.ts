// The page's one pattern for talking to a worker: requests tagged with an id, each answered by the
// promise of its reply event (an 'error' event with that id rejects it), and every event streamed
// to subscribers too (progress, steps, skipped files). The training and ingestion clients extend
// it with their typed requests.
// No tfjs here.

/** A protocol's request body without the id this client assigns. */
export type Body<R> = R extends { id: number } ? Omit<R, 'id'> : never;

/** The request an event finally answers, with the failure it reports (null: a success), or null
 *  for streamed events (progress and the like). */
export type AnswerOf<E> = (event: E) => { id: number; error: string | null } | null;

type Pending<E> = { resolve: (event: E) => void; reject: (error: Error) => void };

export class RequestClient<R extends { id: number; kind: string }, E extends { kind: string }> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending<E>>();
  private readonly listeners = new Set<(event: E) => void>();

  constructor(
    private readonly worker: Worker,
    /** "training", "ingestion": named in the error a crash rejects every request with. */
    private readonly name: string,
    private readonly answerOf: AnswerOf<E>,
  ) {
    worker.onmessage = (message: MessageEvent<E>) => this.receive(message.data);
    worker.onerror = (error) =>
      this.failAll(new Error(`The ${name} worker crashed: ${error.message}`));
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

  terminate(): void {
    this.worker.terminate();
    this.failAll(new Error(`The ${this.name} worker was stopped`));
  }

  private receive(event: E): void {
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
