// Launches Debian's Chromium through playwright-core with WebGPU on SwiftShader (this machine and
// CI have no GPU). Flags as ARCHITECTURE.md lists them. In scripts/lib/ because the browser tests,
// the benches and `npm run experiment -- --browser` all use it, and scripts never import test/.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

const COMMON_FLAGS = [
  '--enable-unsafe-webgpu',
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export const CHROMIUM_FLAGS = [...COMMON_FLAGS, '--use-webgpu-adapter=swiftshader'];

/** WebGPU on the machine's GPU through Vulkan (the GPU benches; not exercised on this machine,
 *  which has no GPU). */
export const CHROMIUM_GPU_FLAGS = [
  ...COMMON_FLAGS,
  '--enable-features=Vulkan',
  '--use-vulkan=native',
  '--use-angle=vulkan',
  '--disable-vulkan-surface',
  '--ignore-gpu-blocklist',
];

export function chromiumPath(): string {
  const found = CANDIDATES.find((p): p is string => Boolean(p && existsSync(p)));
  if (!found)
    throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return found;
}

/** playwright gives every launch a fresh temporary profile, so no state leaks between runs.
 *  adapter 'gpu' asks for the real GPU instead of SwiftShader. */
export function launchChromium(adapter: 'swiftshader' | 'gpu' = 'swiftshader'): Promise<Browser> {
  const args = adapter === 'gpu' ? CHROMIUM_GPU_FLAGS : CHROMIUM_FLAGS;
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args });
}
