// The page ↔ worker protocol: types only, so both sides share one definition and the page never
// imports tfjs values through it.
import type { BackendName } from '../core/backend/select';

/** What the worker reports about the device it computes on. */
export interface DeviceInfo {
  backend: BackendName;
  /** Human-readable adapter: "google swiftshader", "nvidia ampere", "CPU (no GPU acceleration)". */
  adapter: string;
  /** Why a preferred backend was skipped, for the page to explain a fallback. */
  fallbackReasons: string[];
}

export type WorkerRequest = { id: number } & {
  kind: 'init';
  /** Backends to try in order; default WebGPU, then WebGL, then CPU. */
  preferred?: BackendName[];
};

export type WorkerEvent =
  | { kind: 'ready'; id: number; device: DeviceInfo }
  | { kind: 'error'; id: number | null; message: string };
