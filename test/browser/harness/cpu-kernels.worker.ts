// The CPU backend inside a dedicated worker with the studio's kernel threads (browserCpuOptions):
// a convolution large enough to be split across threads, and both its gradients, against tfjs's
// stock CPU kernels. Reports isolation, the kernels in use and the three relative errors.
import * as tf from '@tensorflow/tfjs';
import { conv2D as stockConv } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2D.js';
import { conv2DBackpropFilter as stockFilterGrad } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2DBackpropFilter.js';
import { conv2DBackpropInput as stockInputGrad } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2DBackpropInput.js';
import { cpuKernelInfo, selectBackend } from '../../../src/core/backend/select';
import { browserCpuOptions } from '../../../src/worker/cpu-threads';

const relative = (ours: tf.Tensor, stock: tf.TensorInfo) =>
  tf.tidy(() => {
    const s = tf.engine().makeTensorFromTensorInfo(stock);
    return (
      (tf.max(tf.abs(tf.sub(ours, s))).dataSync()[0] as number) /
      (tf.max(tf.abs(s)).dataSync()[0] as number)
    );
  });

async function run() {
  await selectBackend(['cpu'], browserCpuOptions());
  // Let the kernel workers start: a worker begins only once its creator yields to its event loop.
  await new Promise((done) => setTimeout(done, 1000));
  const xS: [number, number, number, number] = [8, 16, 16, 32];
  const fS: [number, number, number, number] = [3, 3, 32, 32];
  const x = tf.randomNormal(xS, 0, 1, 'float32', 1) as tf.Tensor4D;
  const filter = tf.randomNormal(fS, 0, 1, 'float32', 2) as tf.Tensor4D;
  const dy = tf.randomNormal([8, 16, 16, 32], 0, 1, 'float32', 3) as tf.Tensor4D;
  const backend = tf.backend() as never;
  const loss = (a: tf.Tensor4D, w: tf.Tensor4D) => tf.sum(tf.mul(tf.conv2d(a, w, 1, 'same'), dy));
  const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', dilations: 1 } as never;
  const errors = {
    forward: relative(
      tf.conv2d(x, filter, 1, 'same'),
      stockConv({ inputs: { x, filter }, backend, attrs }),
    ),
    inputGradient: relative(
      tf.grad((a: tf.Tensor) => loss(a as tf.Tensor4D, filter))(x),
      stockInputGrad({
        inputs: { dy, filter },
        backend,
        attrs: { ...(attrs as object), inputShape: xS } as never,
      }),
    ),
    filterGradient: relative(
      tf.grad((w: tf.Tensor) => loss(x, w as tf.Tensor4D))(filter),
      stockFilterGrad({
        inputs: { x, dy },
        backend,
        attrs: { ...(attrs as object), filterShape: fS } as never,
      }),
    ),
  };
  return { isolated: self.crossOriginIsolated, kernels: cpuKernelInfo(), errors };
}

run().then(
  (report) => self.postMessage(report),
  (error: unknown) => self.postMessage({ error: String(error) }),
);
