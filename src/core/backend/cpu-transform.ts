// tf.image.transform for tfjs's CPU backend, for batches. tfjs 4.22's CPU kernel returns from
// inside its loop over images, so every image after the first comes back as zeros: augmenting a
// batch (memory-feed.ts) turned 15 of 16 training images black, and a network trained on them
// learned nothing (the phantom's Baseline All stayed at validation AUC 0.47 for 300 steps instead
// of 0.86). This kernel runs the stock one on each image with its own transform, which it gets
// right, and stacks the results: the same bits per image, for any batch. tfjs only.
import type * as tf from '@tensorflow/tfjs';
import {
  allocate,
  type CpuBackendLike,
  type KernelArgs,
  numericValues,
  replaceCpuKernel,
  runStockKernel,
} from './cpu-kernel-registry';

interface DisposingBackend extends CpuBackendLike {
  disposeIntermediateTensorInfo(info: tf.TensorInfo): void;
}

function batchedTransform(args: KernelArgs) {
  const backend = args.backend as DisposingBackend;
  const image = args.inputs.image as tf.TensorInfo; // [N,H,W,C]
  const transforms = args.inputs.transforms as tf.TensorInfo; // [N,8] or [1,8]
  const [batch = 1, height = 0, width = 0, channels = 0] = image.shape;
  const pixels = numericValues(backend, image);
  const coefficients = numericValues(backend, transforms);
  if (batch === 1 || !pixels || !coefficients) return runStockKernel('Transform', args);
  const perImage = height * width * channels;
  const shared = transforms.shape[0] === 1;
  let out: ReturnType<typeof allocate> | null = null;
  let outShape: number[] = [];
  for (let b = 0; b < batch; b++) {
    const one = backend.makeTensorInfo(
      [1, height, width, channels],
      image.dtype,
      pixels.slice(b * perImage, (b + 1) * perImage),
    );
    const own = shared ? coefficients.slice(0, 8) : coefficients.slice(b * 8, b * 8 + 8);
    const transform = backend.makeTensorInfo([1, 8], transforms.dtype, own);
    const inputs = { image: one, transforms: transform };
    const result = runStockKernel('Transform', { ...args, inputs }) as tf.TensorInfo;
    const values = numericValues(backend, result) as ReturnType<typeof allocate>;
    if (out === null) {
      outShape = [batch, ...result.shape.slice(1)];
      out = allocate(image.dtype, batch * values.length);
    }
    out.set(values, b * values.length);
    for (const info of [one, transform, result]) backend.disposeIntermediateTensorInfo(info);
  }
  return backend.makeTensorInfo(outShape, image.dtype, out as ReturnType<typeof allocate>);
}

/** Registers the batch-correct Transform for the CPU backend; idempotent. */
export function installCpuTransform(): void {
  replaceCpuKernel('Transform', batchedTransform as unknown as tf.KernelFunc);
}
