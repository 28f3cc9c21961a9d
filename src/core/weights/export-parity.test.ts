// Must show 1, through files: exports of DECONV + ResNet18 load into the authors' PyTorch modules
// (strict load_state_dict) and PyTorch reproduces the card's test vectors and our logits.
// Fixture: scripts/fixtures/gen_export_parity.py on scripts/fixtures/export-for-parity.ts's files.
// The exports embed our test vectors, so the file's bytes depend on the convolution kernels: both
// here and in the fixture script they run on the JavaScript kernels (float64 sums, the same bits on
// every machine), not the WebAssembly ones (relaxed SIMD fuses multiply-adds only where the CPU can).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PARITY_SCOPES,
  parityExport,
  parityInput,
  parityNetwork,
} from '../../../scripts/fixtures/export-for-parity';
import { installFastCpuConv2D } from '../backend/cpu-conv2d';
import { cpuWasmRuntime } from '../backend/select';
import type { Network } from '../model/network';
import { decodeFloat32, type EncodedArray, type ExportScope } from './model-card';

interface ParityFixture {
  scopes: Record<
    ExportScope,
    { sha256: string; vectors: { pytorch_output: EncodedArray; relative_error_vs_card: number }[] }
  >;
  bundle_records: string[];
  logits: { input_sha256: string; values: number[][] };
}

const fixture = JSON.parse(
  readFileSync(
    new URL('../../../test/fixtures/weights/export_parity.json', import.meta.url),
    'utf8',
  ),
) as ParityFixture;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const measured: string[] = [];

/** max |a − b| / max |b| over two flat arrays. */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let err = 0;
  let scale = 1e-12;
  for (let i = 0; i < expected.length; i++) {
    err = Math.max(err, Math.abs((actual[i] ?? Number.NaN) - (expected[i] ?? 0)));
    scale = Math.max(scale, Math.abs(expected[i] ?? 0));
  }
  return err / scale;
}

let network: Network;
beforeAll(() => {
  installFastCpuConv2D(null);
  network = parityNetwork();
});
afterAll(() => {
  installFastCpuConv2D(cpuWasmRuntime());
  network.dispose();
  console.log(`export → PyTorch parity (max |Δ| / max |PyTorch|):\n  ${measured.join('\n  ')}`);
});

describe.each(PARITY_SCOPES)('%s export of DECONV + ResNet18 in PyTorch', (scope) => {
  it('is the very file PyTorch loaded, and PyTorch reproduces its test vectors', async () => {
    const before = tf.memory().numTensors;
    const exported = await parityExport(network, scope);
    const expected = fixture.scopes[scope];
    expect(sha256(exported.safetensors)).toBe(expected.sha256);
    expect(exported.card.testVectors).toHaveLength(expected.vectors.length);
    exported.card.testVectors.forEach((vector, i) => {
      const torch = expected.vectors[i]?.pytorch_output as EncodedArray;
      expect(vector.output.shape).toEqual(torch.shape);
      const err = relativeError(decodeFloat32(vector.output), decodeFloat32(torch));
      measured.push(
        `${scope} test vector ${i} ${JSON.stringify(torch.shape)}: ${err.toExponential(2)}`,
      );
      expect(err).toBeLessThan(1e-4);
    });
    if (scope === 'network') {
      expect(fixture.bundle_records).toEqual([
        'parity-network.safetensors',
        'parity-network.card.json',
      ]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

it('the whole network gives the logits PyTorch computes on a seeded 2×64×64 batch', () => {
  const input = parityInput();
  expect(sha256(new Uint8Array(input.buffer))).toBe(fixture.logits.input_sha256);
  const logits = tf.tidy(() => {
    const x = tf.tensor4d(input, [2, 1, 64, 64]).transpose([0, 2, 3, 1]) as tf.Tensor4D;
    return network.logits(x, false).dataSync() as Float32Array;
  });
  const err = relativeError(logits, fixture.logits.values.flat());
  measured.push(`network logits [2,5]: ${err.toExponential(2)}`);
  expect(err).toBeLessThan(1e-4);
});
