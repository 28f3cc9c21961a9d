import * as tf from '@tensorflow/tfjs';
import { nodeCpuOptions } from '../../scripts/lib/node-cpu';
import { startCpuBackend } from '../../src/core/backend/select';
import { createNetwork } from '../../src/core/model';
import { Sgd } from '../../src/core/train/sgd';
import { trainStep } from '../../src/core/train/step';

await startCpuBackend(nodeCpuOptions(1));
const network = createNetwork({
  colorizer: (process.argv[2] ?? 'coloru') as never,
  backbone: 'resnet18',
  widthMultiplier: 1,
  numClasses: 5,
  seed: 0,
});
const opt = new Sgd(network.trainableVariables());
const batch = tf.tidy(() => {
  const x = tf.randomNormal([16, 64, 64, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
  const t = tf.cast(
    tf.greater(tf.randomUniform([16, 5], 0, 1, 'float32', 2), 0.5),
    'float32',
  ) as tf.Tensor2D;
  return { x, targets: t, mask: tf.onesLike(t) };
});
const hyper = { lr: 0.01, momentum: 0.9, weightDecay: 1e-4 };
const step = () => tf.dispose(trainStep(network, opt, batch as never, hyper));
step();
step();
const p = await tf.profile(step);
const m = new Map<string, { ms: number; n: number }>();
for (const k of p.kernels) {
  const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
  const e = m.get(key) ?? { ms: 0, n: 0 };
  e.ms += k.kernelTimeMs as number;
  e.n++;
  m.set(key, e);
}
for (const [k, e] of [...m].sort((a, b) => b[1].ms - a[1].ms).slice(0, 45))
  console.log(e.ms.toFixed(1).padStart(7), String(e.n).padStart(4), k);
