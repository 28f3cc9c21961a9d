// A failed weights download says which URL, what went wrong, and the two ways on.
import { expect, it } from 'vitest';
import { DownloadCheckError } from '../platform/download-weights';
import { downloadFailure } from './weights-download';

const URL = 'https://huggingface.co/timm/resnet18.tv_in1k/resolve/main/model.safetensors';

it('turns fetch\'s bare "Failed to fetch" into what failed and what to do', () => {
  const text = downloadFailure(
    'resnet18',
    URL,
    'resnet18.tv_in1k.safetensors',
    new TypeError('Failed to fetch'),
  );
  expect(text).toBe(
    `Could not download the ImageNet weights for resnet18 from ${URL}: network error (offline, ` +
      'blocked by a proxy or firewall, or the site is down). To go on without that address: ' +
      'choose "A local weights file" and pick resnet18.tv_in1k.safetensors (the same file, ' +
      'downloaded on any machine that can reach it), or choose "Random initialization" (NOT ' +
      'PRETRAINED: no transfer from ImageNet).',
  );
});

it('keeps the HTTP status and the check that failed, without repeating the URL', () => {
  const http = downloadFailure('resnet18', URL, 'f', new Error(`${URL}: HTTP 404 Not Found`));
  expect(http).toContain(`from ${URL}: HTTP 404 Not Found. To go on`);
  const check = downloadFailure(
    'resnet18',
    URL,
    'f',
    new DownloadCheckError(URL, 'received 3 bytes, expected 9'),
  );
  expect(check).toContain(`: received 3 bytes, expected 9. To go on`);
});
