// A lost WebGPU device ends the worker as a crash would, naming the loss, so the page's watchdog
// replaces it and offers the last checkpoint (the browser test destroys a real device).
import { expect, it } from 'vitest';
import { failOnDeviceLoss } from './device';

it('fails with the reason and message of the loss, once the device is lost', async () => {
  let lose: (info: { reason: string; message: string }) => void = () => {};
  const lost = new Promise<{ reason: string; message: string }>((resolve) => {
    lose = resolve;
  });
  const failures: string[] = [];
  failOnDeviceLoss({ lost }, (error) => failures.push(error.message));
  await Promise.resolve();
  expect(failures).toEqual([]);
  lose({ reason: 'destroyed', message: 'Device was destroyed.' });
  await lost;
  await Promise.resolve();
  expect(failures).toEqual(['The GPU device was lost (destroyed: Device was destroyed.)']);
});
