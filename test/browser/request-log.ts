// Records what a page of the built studio asks the network for, and what its Content-Security-
// Policy refused: every request of the page's context (the page and its dedicated workers, nested
// ones included: Playwright attaches to each), `securitypolicyviolation` events in the page and in
// each worker, and Chromium's CSP console errors. The privacy test reads it.
import type { ConsoleMessage, Page } from 'playwright-core';

export interface LoggedRequest {
  url: string;
  /** The URL's origin; a blob: URL has its creator's, a data: URL 'null' (never on the wire). */
  origin: string;
  /** Playwright's resource type: document, script, fetch, other (a worker's module imports)… */
  type: string;
  /** The Referer header sent, if any. */
  referer?: string;
}

export interface RequestLog {
  requests: LoggedRequest[];
  /** The console's CSP lines and "directive: blocked URL" per violation event, page and workers. */
  violations: string[];
}

const MARK = 'securitypolicyviolation';

/** Installed in the page before its scripts run, and in each worker once Playwright sees it (a
 *  worker blocked in Atomics.wait never answers, so the events come back as console lines rather
 *  than by asking each worker at the end). */
function listen(mark: string) {
  globalThis.addEventListener('securitypolicyviolation', (event) => {
    const e = event as SecurityPolicyViolationEvent;
    console.warn(`${mark} ${e.effectiveDirective}: ${e.blockedURI}`);
  });
}

/** Chromium's own CSP console errors (page only), and the listeners' lines. */
const isViolation = (message: ConsoleMessage) =>
  message.text().startsWith(MARK) || /Content.Security.Policy/i.test(message.text());

export async function recordRequests(page: Page): Promise<RequestLog> {
  const requests: LoggedRequest[] = [];
  const violations: string[] = [];
  page.context().on('request', (request) => {
    const url = request.url();
    const { referer } = request.headers();
    requests.push({ url, origin: new URL(url).origin, type: request.resourceType(), referer });
  });
  const onConsole = (message: ConsoleMessage) => {
    if (isViolation(message)) violations.push(message.text());
  };
  page.on('console', onConsole);
  page.on('worker', (worker) => {
    worker.on('console', onConsole);
    void worker.evaluate(listen, MARK).catch(() => undefined); // a worker that already ended
  });
  await page.addInitScript(listen, MARK);
  return { requests, violations };
}

/** "origin: n (type n, …)" per origin, most requests first: what the closing note quotes. */
export function summarize(requests: readonly LoggedRequest[]): string {
  const byOrigin = new Map<string, Map<string, number>>();
  for (const { origin, type } of requests) {
    const types = byOrigin.get(origin) ?? new Map<string, number>();
    types.set(type, (types.get(type) ?? 0) + 1);
    byOrigin.set(origin, types);
  }
  const total = (types: Map<string, number>) => [...types.values()].reduce((a, b) => a + b, 0);
  return [...byOrigin]
    .sort((a, b) => total(b[1]) - total(a[1]))
    .map(([origin, types]) => {
      const parts = [...types].map(([type, n]) => `${type} ${n}`).join(', ');
      return `${origin}: ${total(types)} (${parts})`;
    })
    .join('; ');
}
