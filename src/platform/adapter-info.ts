// Describes the GPU adapter behind a backend, for the page to show. Browser-only
// (OffscreenCanvas, WebGPU adapter info); runs inside the worker.

/** What tfjs's WebGPU backend keeps of GPUAdapterInfo (fields private in its typings). */
interface WebGpuBackendLike {
  adapterInfo?: { vendor?: string; architecture?: string };
}

export function describeWebGpuAdapter(backend: unknown): string {
  const info = (backend as WebGpuBackendLike).adapterInfo;
  const parts = [info?.vendor, info?.architecture].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(' ') : 'unnamed WebGPU adapter';
}

export function describeWebGlRenderer(): string {
  if (typeof OffscreenCanvas === 'undefined') return 'unknown WebGL renderer';
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return 'unknown WebGL renderer';
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}
