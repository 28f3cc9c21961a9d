// readWeightsFile: one entry point sniffs safetensors, torch.save ZIP and legacy .pth by content
// (fixtures of scripts/fixtures/gen_weights_fixtures.py) and names the file in every fault.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { disposeStateDict } from '../model/state-dict';
import { readWeightsFile, sniffWeightsFormat } from './weights-file';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/weights/${name}`, import.meta.url)));

describe('readWeightsFile', () => {
  it.each([
    ['state_dict.safetensors', 'safetensors'],
    ['state_dict.pth', 'torch-zip'],
    ['legacy.pth', 'torch-legacy'],
  ])('reads %s as %s, whatever the file is called', (name, format) => {
    const { format: found, tensors } = readWeightsFile(fixture(name), 'renamed.bin');
    expect(found).toBe(format);
    const twin = readWeightsFile(fixture('state_dict.safetensors'), 'twin');
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(twin.tensors).sort());
    for (const [key, value] of Object.entries(twin.tensors)) {
      expect(Array.from(tensors[key]?.dataSync() ?? []), key).toEqual(Array.from(value.dataSync()));
    }
    disposeStateDict(tensors);
    disposeStateDict(twin.tensors);
  });

  it('refuses bytes of no known format, naming the file, allocating nothing', () => {
    const before = tf.memory().numTensors;
    const html = new TextEncoder().encode('<!doctype html><p>404 Not Found</p>');
    expect(sniffWeightsFormat(html)).toBeNull();
    expect(() => readWeightsFile(html, 'resnet18.safetensors')).toThrow(
      /^resnet18\.safetensors: not a weights file \(35 bytes\)/,
    );
    expect(() => readWeightsFile(new Uint8Array(0), 'empty.pth')).toThrow(/^empty\.pth: not a/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("passes a damaged file to its format's reader, whose message names the fault", () => {
    const whole = fixture('state_dict.safetensors');
    expect(() => readWeightsFile(whole.subarray(0, whole.length - 3), 'cut.safetensors')).toThrow(
      /^cut\.safetensors: .*(end|truncated)/,
    );
    const pth = fixture('state_dict.pth');
    expect(() => readWeightsFile(pth.subarray(0, pth.length - 30), 'cut.pth')).toThrow(
      /^cut\.pth: .*(end record|truncated)/,
    );
    expect(() => readWeightsFile(fixture('evil_os_system.pth'), 'evil.pth')).toThrow(
      /^evil\.pth: .*system/,
    );
  });
});
