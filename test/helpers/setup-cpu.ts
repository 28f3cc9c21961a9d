// Unit tests run the core on tfjs's CPU backend (tfjs-node cannot install here), with the
// WebAssembly convolutions on one thread: vitest already runs a test file per core.
import { startNodeCpuBackend } from '../../scripts/lib/node-cpu';

await startNodeCpuBackend(1);
