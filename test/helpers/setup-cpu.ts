// Unit tests run the core on tfjs's CPU backend (tfjs-node cannot install here), with the
// WebAssembly convolutions on one thread: vitest already runs a test file per core.
// CHROMAXR_WASM=0 keeps every kernel in JavaScript, to time the suite without WebAssembly
// (issue 18's before/after); tests of the WebAssembly kernels load their own runtime either way.

import { startNodeCpuBackend } from '../../scripts/lib/node-cpu';
import { startCpuBackend } from '../../src/core/backend/select';

if (process.env.CHROMAXR_WASM === '0') await startCpuBackend({ wasm: false });
else await startNodeCpuBackend(1);
