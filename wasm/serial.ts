// Entry of the single-thread builds (memory not shared, no atomics): the kernels alone.
export { runAll } from './kernels';
