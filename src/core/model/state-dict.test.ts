import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  createBackbone,
  createColorizer,
  createNetwork,
  disposeStateDict,
  type Part,
} from './index';
import type { StateDict } from './state-dict';

/** Copies every entry to plain arrays (and disposes the state dict). */
function values(sd: StateDict): Values {
  const out = Object.fromEntries(
    Object.entries(sd).map(([k, t]) => [k, { shape: t.shape, data: t.dataSync() as Float32Array }]),
  );
  disposeStateDict(sd);
  return out;
}

type Values = Record<string, { shape: number[]; data: Float32Array }>;

/** Names whose shapes or bytes differ (a fast bytewise check: deep equality on 11M floats crawls). */
function differences(a: Values, b: Values): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((name) => {
    const [x, y] = [a[name], b[name]];
    if (!x || !y || x.shape.join() !== y.shape.join()) return true;
    return Buffer.compare(Buffer.from(x.data.buffer), Buffer.from(y.data.buffer)) !== 0;
  });
}

function roundTrip(make: (seed: number) => Part) {
  const source = make(1);
  const target = make(2);
  const sd = source.stateDict();
  target.loadStateDict(sd, { strict: true });
  disposeStateDict(sd);
  const a = values(source.stateDict());
  const b = values(target.stateDict());
  source.dispose();
  target.dispose();
  return { a, b };
}

describe('stateDict → loadStateDict', () => {
  const makers: [string, (seed: number) => Part][] = [
    ['deconv', (seed) => createColorizer('deconv', { seed })],
    ['pixelshuffle', (seed) => createColorizer('pixelshuffle', { seed })],
    ['coloru', (seed) => createColorizer('coloru', { seed })],
    ['resnet18', (seed) => createBackbone('resnet18', { seed })],
    [
      'densenet121 at width ½',
      (seed) => createBackbone('densenet121', { seed, widthMultiplier: 0.5 }),
    ],
    ['squeezenet1_1', (seed) => createBackbone('squeezenet1_1', { seed })],
  ];
  for (const [name, make] of makers) {
    it(`${name} round-trips bit-exactly into a differently seeded twin`, () => {
      const { a, b } = roundTrip(make);
      expect(Object.keys(a).length).toBeGreaterThan(0);
      expect(differences(a, b)).toEqual([]);
    });
  }

  it('uses the PyTorch names and layouts of SPEC §1–2', () => {
    const shapes = (part: Part) => {
      const sd = part.stateDict();
      const out = Object.fromEntries(Object.entries(sd).map(([k, v]) => [k, v.shape]));
      disposeStateDict(sd);
      part.dispose();
      return out;
    };
    const deconv = shapes(createColorizer('deconv'));
    expect(deconv['deconv.weight']).toEqual([3, 1, 8, 8]);
    expect(deconv['resblocks.7.conv2.1.running_var']).toEqual([64]);
    expect(deconv['conv1.weight']).toEqual([64, 1, 7, 7]);
    const pixel = shapes(createColorizer('pixelshuffle'));
    expect(pixel['pixel_shuffle.conv.0.weight']).toEqual([48, 64, 1, 1]);
    expect(pixel['pixel_shuffle.conv.1.running_mean']).toEqual([48]);
    const coloru = shapes(createColorizer('coloru'));
    expect(coloru['up2.u.0.weight']).toEqual([64, 16, 4, 4]); // ConvTranspose: [in, out, kh, kw]
    expect(coloru['out.u.4.weight']).toEqual([3, 16, 1, 1]);
    expect(coloru['dw3.d.4.running_var']).toEqual([64]);
    const dense = shapes(createBackbone('densenet121', { widthMultiplier: 0.25 }));
    expect(dense['features.denseblock4.denselayer16.conv2.weight']).toEqual([8, 32, 3, 3]);
  });

  it('names a whole network with the authors wrapper prefixes', () => {
    const net = createNetwork({
      colorizer: 'coloru',
      backbone: 'resnet18',
      numClasses: 5,
      widthMultiplier: 0.25,
    });
    const sd = net.stateDict();
    expect(sd['deco.dw1.d.0.weight']?.shape).toEqual([16, 1, 3, 3]);
    expect(sd['pt_model.fc.weight']?.shape).toEqual([5, 128]);
    expect(sd['pt_model.layer4.1.bn2.running_var']?.shape).toEqual([128]);
    const twin = createNetwork({
      colorizer: 'coloru',
      backbone: 'resnet18',
      numClasses: 5,
      widthMultiplier: 0.25,
      seed: 9,
    });
    twin.loadStateDict(sd, { strict: true });
    const x = tf.randomNormal([2, 32, 32, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
    const [ya, yb] = [net.logits(x, false), twin.logits(x, false)];
    expect(Array.from(yb.dataSync())).toEqual(Array.from(ya.dataSync()));
    tf.dispose([x, ya, yb]);
    disposeStateDict(sd);
    net.dispose();
    twin.dispose();
  });
});

describe('strict loading', () => {
  it('rejects another architecture with a readable list, leaving the part untouched', () => {
    const deconv = createColorizer('deconv');
    const target = createColorizer('pixelshuffle');
    const before = values(target.stateDict());
    const sd = deconv.stateDict();
    let message = '';
    try {
      target.loadStateDict(sd, { strict: true });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('missing pixel_shuffle.conv.0.weight [48,64,1,1]');
    expect(message).toContain('unexpected conv_last.weight [3,64,1,1]');
    expect(message).toContain('unexpected deconv.weight [3,1,8,8]');
    expect(differences(values(target.stateDict()), before)).toEqual([]);
    disposeStateDict(sd);
    deconv.dispose();
    target.dispose();
  });

  it('rejects wrong shapes even when not strict, naming both shapes', () => {
    const narrow = createBackbone('resnet18', { widthMultiplier: 0.5 });
    const full = createBackbone('squeezenet1_1');
    const resnet = createBackbone('resnet18');
    const sd = narrow.stateDict();
    expect(() => resnet.loadStateDict(sd, { strict: false })).toThrow(
      /wrong shape for conv1\.weight: file has \[32,3,7,7\], model expects \[64,3,7,7\]/,
    );
    const squeezeSd = full.stateDict();
    expect(() => resnet.loadStateDict(squeezeSd)).toThrow(/missing layer1\.0\.conv1\.weight/);
    disposeStateDict(sd);
    disposeStateDict(squeezeSd);
    for (const p of [narrow, full, resnet]) p.dispose();
  });

  it('loads nothing of a network when one part does not fit', () => {
    const net = createNetwork({
      colorizer: 'coloru',
      backbone: 'squeezenet1_1',
      numClasses: 2,
      widthMultiplier: 0.25,
    });
    const other = createNetwork({
      colorizer: 'coloru',
      backbone: 'squeezenet1_1',
      numClasses: 3,
      widthMultiplier: 0.25,
      seed: 4,
    });
    const before = values(net.stateDict());
    const sd = other.stateDict();
    expect(() => net.loadStateDict(sd)).toThrow(
      /classifier\.weight: file has \[3,128\], model expects \[2,128\]/,
    );
    expect(differences(values(net.stateDict()), before)).toEqual([]); // colorizer untouched too
    disposeStateDict(sd);
    net.dispose();
    other.dispose();
  });
});
