import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Cross-origin isolation, so the CPU fallback's WebAssembly kernels get SharedArrayBuffer and
// worker threads (src/worker/cpu-threads.ts). Everything the studio fetches from elsewhere (ImageNet
// weights) is a CORS request, which require-corp allows; a host serving dist/ must send the same
// two headers, or the CPU kernels run on one thread (nothing else changes).
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// The built app runs under a strict Content-Security-Policy, each directive the least the built app
// was seen to need (test/browser/privacy.test.ts runs it under this policy and imports it). Sent as
// a header by `vite preview`, which the browser tests serve through: that also covers the workers,
// whose policy comes from their own script's response. Written as a <meta> into dist/index.html too,
// for a static host that sends no header (the page is then covered, its workers not). The dev server
// sends none: Vite's HMR client injects inline styles and an inline React refresh preamble, and the
// dev-served tests fetch weights from a local server on another port. Kept in this file: Vite's
// coming native config loader wants no extensionless local imports here.

/** Every host the ImageNet weights download may touch (src/core/weights/imagenet.ts), checked at
 *  every redirect hop: timm's files on the Hugging Face Hub answer resolve/main with a redirect to
 *  a CDN (cdn-lfs*.huggingface.co, cdn-lfs-*.hf.co or, for Xet-stored files,
 *  cas-bridge.xethub.hf.co); torchvision's .pth files come from download.pytorch.org itself. */
const WEIGHTS_HOSTS = [
  'https://huggingface.co',
  'https://*.huggingface.co',
  'https://*.hf.co',
  'https://download.pytorch.org',
];

const DIRECTIVES: readonly (readonly [string, string])[] = [
  // Everything not named below: the app's own origin only (no CDN, font or analytics host).
  ['default-src', "'self'"],
  // Our bundles only: no inline script, no eval or new Function (none in the bundles: tfjs's
  // WebGPU/WebGL/CPU paths and the Emscripten codec glue use neither). 'wasm-unsafe-eval' lets
  // WebAssembly compile (our CPU kernels, the DICOM codecs) and allows nothing else.
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  // The trainer, ingest and kernel workers are module workers built as files of our origin.
  ['worker-src', "'self'"],
  // The built CSS file only: React and recharts set inline styles through the CSSOM
  // (element.style), which style-src does not govern, so no 'unsafe-inline' is needed.
  ['style-src', "'self'"],
  // Fetches: our assets (the codecs' .wasm) and the weights download the user may pick.
  ['connect-src', `'self' ${WEIGHTS_HOSTS.join(' ')}`],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

/** As an HTTP header: frame-ancestors (no framing, against clickjacking) works only there. */
export const CSP_HEADER = [...DIRECTIVES, ['frame-ancestors', "'none'"]]
  .map((d) => d.join(' '))
  .join('; ');

/** As a <meta>: the same minus frame-ancestors, which browsers ignore (with a console error) there. */
export const CSP_META = DIRECTIVES.map((d) => d.join(' ')).join('; ');

/** Writes CSP_META first in the built index.html's head: a meta policy covers only what follows it. */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'chromaxr-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// The studio is a static SPA: training runs in a module worker, so workers build as ES modules.
export default defineConfig({
  plugins: [react(), contentSecurityPolicyMeta()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { host: '127.0.0.1', headers: isolation },
  preview: { headers: { ...isolation, 'Content-Security-Policy': CSP_HEADER } },
});
