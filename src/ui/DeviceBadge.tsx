// Shows which tfjs backend and GPU adapter the training worker uses.
import { selectDevice, useStudio } from '../state/store';

const BACKEND_NAMES = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' } as const;

export function DeviceBadge() {
  const status = useStudio(selectDevice);
  if (status.phase === 'starting') {
    return (
      <output className="device" aria-busy="true">
        Starting the compute worker…
      </output>
    );
  }
  if (status.phase === 'failed') {
    return (
      <output className="device device-failed" role="alert">
        The compute worker could not start: {status.message}
      </output>
    );
  }
  const { backend, adapter, fallbackReasons } = status.device;
  return (
    <output className="device" data-backend={backend} title={fallbackReasons.join('\n')}>
      Computing with <strong>{BACKEND_NAMES[backend]}</strong> on{' '}
      <span data-testid="adapter">{adapter}</span>
      {backend === 'cpu'
        ? ' — training will be slow; use a browser with WebGPU for real datasets.'
        : ''}
    </output>
  );
}
