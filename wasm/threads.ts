// Entry of the threaded builds: the kernels plus a task queue shared by the calling thread and the
// worker threads through atomics on shared memory. The caller publishes a job; every thread claims
// tasks until none is left; the caller waits until all have finished. A claim is a 64-bit compare-
// exchange of (generation << 32 | next task), so a worker still holding an old generation can never
// take a task of a newer job with the old job's description. Threads that start late or never
// start cost nothing: the caller runs whatever nobody else claimed.
import { runTask } from './kernels';

export { runAll } from './kernels';

// Control block words, as byte offsets from `ctl`.
const GENERATION: usize = 0; // i32, bumped by publish; the word sleeping workers wait on
const CLAIM: usize = 8; // i64: generation << 32 | index of the next unclaimed task
const DONE: usize = 16; // i32: tasks of this generation finished; the word the caller waits on
const COUNT: usize = 20; // i32: tasks in the current job
const JOB: usize = 24; // u32: address of the current job's words
const STOP: usize = 28; // i32: 1 tells workers to return

/** Polls before sleeping: the next job of a kernel usually follows within microseconds. */
const SPINS: i32 = 20000;

/** Makes `job` (with `count` tasks) the current job and wakes every worker. */
export function publish(ctl: usize, job: usize, count: i32): void {
  atomic.store<u32>(ctl + JOB, <u32>job);
  atomic.store<i32>(ctl + COUNT, count);
  atomic.store<i32>(ctl + DONE, 0);
  const generation = atomic.load<i32>(ctl + GENERATION) + 1;
  atomic.store<i64>(ctl + CLAIM, (<i64>generation) << 32);
  atomic.store<i32>(ctl + GENERATION, generation);
  atomic.notify(ctl + GENERATION, -1);
}

/** Claims and runs tasks of the current job until none is left. */
export function runTasks(ctl: usize, worker: i32): void {
  const generation = atomic.load<i32>(ctl + GENERATION);
  while (true) {
    const claim = atomic.load<i64>(ctl + CLAIM);
    if (<i32>(claim >>> 32) !== generation) return;
    const count = atomic.load<i32>(ctl + COUNT);
    if (<i32>(claim & 0xffffffff) >= count) return;
    if (atomic.cmpxchg<i64>(ctl + CLAIM, claim, claim + 1) !== claim) continue;
    runTask(<usize>atomic.load<u32>(ctl + JOB), <i32>(claim & 0xffffffff), worker);
    if (atomic.add<i32>(ctl + DONE, 1) + 1 === count) atomic.notify(ctl + DONE, -1);
  }
}

/** The caller's wait for the tasks other threads still run. */
export function waitDone(ctl: usize): void {
  const count = atomic.load<i32>(ctl + COUNT);
  let spins = SPINS;
  while (true) {
    const done = atomic.load<i32>(ctl + DONE);
    if (done >= count) return;
    if (spins > 0) spins--;
    else memory.atomic.wait32(ctl + DONE, done, -1);
  }
}

/** A worker thread's whole life: sleep until a job is published, help with it, repeat. */
export function workerLoop(ctl: usize, worker: i32): void {
  let seen = 0;
  while (atomic.load<i32>(ctl + STOP) === 0) {
    let generation = atomic.load<i32>(ctl + GENERATION);
    for (let spins = SPINS; generation === seen && spins > 0; spins--) {
      generation = atomic.load<i32>(ctl + GENERATION);
    }
    if (generation === seen) {
      memory.atomic.wait32(ctl + GENERATION, seen, -1);
      continue;
    }
    seen = generation;
    runTasks(ctl, worker);
  }
}

/** Tells every worker to return from workerLoop. */
export function stopWorkers(ctl: usize): void {
  atomic.store<i32>(ctl + STOP, 1);
  atomic.add<i32>(ctl + GENERATION, 1);
  atomic.notify(ctl + GENERATION, -1);
}
