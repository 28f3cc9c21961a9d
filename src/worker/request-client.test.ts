// The worker watchdog: a crash (error event) or a silence of `hangMs` while a request waits
// replaces the worker, fails what waited with the reason, and tells the listeners; a worker that
// keeps talking (heartbeats) is left alone, and events of a replaced worker are ignored.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { RequestClient, type WorkerLike } from './request-client';

type Req = { id: number; kind: 'work' };
type Ev = { kind: 'done'; id: number } | { kind: 'heartbeat' };

class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  readonly posted: unknown[] = [];
  terminated = false;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  emit(event: Ev) {
    this.onmessage?.call(this as unknown as Worker, { data: event } as MessageEvent);
  }
  crash(message: string) {
    this.onerror?.call(this as unknown as Worker, { message } as ErrorEvent);
  }
}

class Client extends RequestClient<Req, Ev> {
  work() {
    return this.request({ kind: 'work' }).reply;
  }
}

let clock = 0;
let workers: FakeWorker[];
let client: Client;
let lost: string[];

beforeEach(() => {
  vi.useFakeTimers();
  clock = 0;
  workers = [];
  lost = [];
  const spawn = () => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker;
  };
  const answerOf = (e: Ev) => (e.kind === 'done' ? { id: e.id, error: null } : null);
  client = new Client(spawn, 'training', answerOf, {
    hangMs: 60_000,
    checkMs: 1_000,
    now: () => clock,
  });
  client.onLost((reason) => lost.push(reason));
});

afterEach(() => {
  client.terminate();
  vi.useRealTimers();
});

const advance = (ms: number) => {
  clock += ms;
  vi.advanceTimersByTime(ms);
};

it('replaces a crashed worker and fails the waiting request with the reason', async () => {
  const reply = client.work();
  workers[0]?.crash('out of memory');
  await expect(reply).rejects.toThrow('The training worker crashed: out of memory');
  await expect(reply).rejects.toMatchObject({ name: 'WorkerLostError' });
  expect(workers).toHaveLength(2);
  expect(workers[0]?.terminated).toBe(true);
  expect(lost).toEqual(['The training worker crashed: out of memory']);
  // The new worker serves the next request.
  const next = client.work();
  workers[1]?.emit({ kind: 'done', id: 2 });
  await expect(next).resolves.toEqual({ kind: 'done', id: 2 });
});

it('takes a long silence during a request as a hang, but not heartbeats or idle time', async () => {
  advance(300_000); // idle: nothing waits, so no silence counts
  expect(lost).toEqual([]);
  const reply = client.work();
  for (let i = 0; i < 20; i++) {
    advance(5_000);
    workers[0]?.emit({ kind: 'heartbeat' });
  }
  expect(lost).toEqual([]); // 100 s of work with a heartbeat every 5 s
  advance(61_000);
  await expect(reply).rejects.toThrow(
    'The training worker stopped responding (no message for 61 s)',
  );
  expect(lost).toHaveLength(1);
  expect(workers).toHaveLength(2);
});

it('ignores what a replaced worker still sends', async () => {
  const first = client.work();
  workers[0]?.crash('lost');
  await expect(first).rejects.toThrow('lost');
  const second = client.work();
  workers[0]?.emit({ kind: 'done', id: 2 }); // the old worker's late answer
  workers[0]?.crash('again');
  expect(lost).toHaveLength(1);
  workers[1]?.emit({ kind: 'done', id: 2 });
  await expect(second).resolves.toEqual({ kind: 'done', id: 2 });
});
