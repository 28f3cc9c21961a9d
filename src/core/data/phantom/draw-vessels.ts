// Branching tubes (pulmonary vessels, and air bronchograms inside consolidation) as random walks
// of Gaussian stamps. Pure core: canvas primitives and the scene's seeded generator only.

import { normal } from '../../util/random';
import { addGaussian } from './canvas';
import { hilumV } from './layout';
import { ellipseAt, type Scene, toX, toY } from './scene';

export interface TreeOptions {
  startU: number;
  startV: number;
  /** Heading in radians; 0 points along +u, π/2 along +v (down). */
  angle: number;
  /** Path length of the trunk, normalized. */
  length: number;
  /** Starting radius (Gaussian sigma), normalized; the tube narrows to a third of it. */
  width: number;
  /** Peak attenuation added on the tube's axis; negative for air. */
  amount: number;
  /** Levels of forking left. */
  depth: number;
  /** Stamps weigh by this mask and skip where it is under 0.2 (lungAir keeps vessels in the lungs). */
  mask: Float32Array;
}

/** Draws one tube and, while `depth` allows, a fork from a random point along it. */
export function drawTree(scene: Scene, tree: TreeOptions): void {
  const { canvas, frame, random } = scene;
  let u = tree.startU;
  let v = tree.startV;
  let angle = tree.angle;
  const forkAt = 0.25 + 0.5 * random();
  for (let travelled = 0; travelled < tree.length; ) {
    const progress = travelled / tree.length;
    const width = tree.width * (1 - 0.65 * progress);
    const sigma = Math.max(0.6, width * frame.unit);
    const index = Math.floor(toY(frame, v)) * canvas.width + Math.floor(toX(frame, u));
    if ((tree.mask[index] ?? 0) > 0.2) {
      const stamp = ellipseAt(frame, u, v, sigma / frame.unit, sigma / frame.unit);
      addGaussian(canvas, stamp, (tree.amount / 2.5) * (1 - 0.5 * progress), tree.mask);
    }
    const step = sigma / frame.unit;
    if (
      tree.depth > 0 &&
      travelled < forkAt * tree.length &&
      travelled + step >= forkAt * tree.length
    ) {
      const turn = (random() < 0.5 ? -1 : 1) * (0.35 + 0.4 * random());
      drawTree(scene, {
        ...tree,
        startU: u,
        startV: v,
        angle: angle + turn,
        length: (tree.length - travelled) * (0.6 + 0.3 * random()),
        width: width * 0.75,
        depth: tree.depth - 1,
      });
    }
    angle += 0.05 * normal(random);
    u += step * Math.cos(angle);
    v += step * Math.sin(angle);
    travelled += step;
  }
}

/** Pulmonary vessels fanning out of both hila: denser and thicker centrally, fading outwards. */
export function drawVessels(scene: Scene): void {
  const { layout, random } = scene;
  for (const lung of layout.lungs) {
    const outward = lung.side === 'right' ? -1 : 1;
    const hilumU = layout.mediastinumShift + outward * 0.16;
    const startV = hilumV(lung) + 0.05;
    addGaussian(
      scene.canvas,
      ellipseAt(scene.frame, hilumU, startV, 0.045, 0.09),
      0.08,
      scene.lungMask,
    );
    for (let branch = 0; branch < 8; branch++) {
      // Headings from up-and-out through out to down-and-out, mirrored for the right lung.
      const spread = -1.25 + (2.5 * (branch + random() * 0.6)) / 8;
      const angle = outward > 0 ? spread : Math.PI - spread;
      drawTree(scene, {
        startU: hilumU + outward * 0.04 * random(),
        startV: startV + 0.1 * (random() - 0.5),
        angle,
        length: 0.3 + 0.2 * random(),
        width: 0.011,
        amount: 0.16,
        depth: 3,
        mask: scene.lungAir, // vessels fade towards the periphery and hide behind the heart
      });
    }
  }
}
