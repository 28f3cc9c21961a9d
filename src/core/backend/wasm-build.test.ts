// The committed WebAssembly (wasm/build/*.wasm and its base64 twin the core loads) must be what
// `npm run build:wasm` makes from wasm/*.ts today, so the source and the binaries cannot drift.
import { expect, it } from 'vitest';
import { buildAll, drift } from '../../../scripts/build-wasm';

it('the committed kernels equal a fresh AssemblyScript build', async () => {
  expect(drift(await buildAll())).toEqual([]);
}, 120_000);
