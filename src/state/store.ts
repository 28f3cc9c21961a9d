// The studio's one zustand store, built from typed slices. Fed by worker events; components read
// it through selectors. No tensors and no tfjs values here.
import { create } from 'zustand';
import type { DeviceInfo } from '../worker/protocol';

export type DeviceStatus =
  | { phase: 'starting' }
  | { phase: 'ready'; device: DeviceInfo }
  | { phase: 'failed'; message: string };

export interface DeviceSlice {
  device: DeviceStatus;
  deviceReady: (device: DeviceInfo) => void;
  deviceFailed: (message: string) => void;
}

export type StudioState = DeviceSlice;

const initialDevice: DeviceStatus = { phase: 'starting' };

export const useStudio = create<StudioState>()((set) => ({
  device: initialDevice,
  deviceReady: (device) => set({ device: { phase: 'ready', device } }),
  deviceFailed: (message) => set({ device: { phase: 'failed', message } }),
}));

/** Back to a fresh studio (tests). */
export function resetStudio(): void {
  useStudio.setState({ device: initialDevice });
}

export const selectDevice = (state: StudioState) => state.device;
