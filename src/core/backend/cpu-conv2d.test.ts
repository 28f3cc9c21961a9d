// The JavaScript im2col convolution kernels (forward, input and filter gradients), the fallback
// where WebAssembly SIMD is missing, against tfjs's stock CPU kernels over the shared table.
// Float64 accumulation: they agree with the stock kernels to float32 rounding (1e-6 relative).
import { afterAll, beforeAll, it } from 'vitest';
import {
  CONV_CASES,
  expectConvMatchesStock,
  expectDilatedIsStock,
  expectTransposedConvMatchesStock,
} from '../../../test/helpers/conv-cases';
import { installFastCpuConv2D } from './cpu-conv2d';
import { cpuWasmRuntime } from './select';

beforeAll(() => installFastCpuConv2D(null));
afterAll(() => installFastCpuConv2D(cpuWasmRuntime()));

it.each(CONV_CASES)('Conv2D and its gradients match the stock kernels: %s', (_, ...c) =>
  expectConvMatchesStock(c, 1e-6));

it('runs transposed convolutions (the deconv colorizer) like the stock kernel', () =>
  expectTransposedConvMatchesStock(1e-6));

it('delegates dilated convolutions to the stock kernel', () => expectDilatedIsStock());
