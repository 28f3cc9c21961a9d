// Runs axe-core's WCAG 2.1 A/AA rules in a page of the built studio and lists what fails, one
// readable line per rule and element. axe goes in through page.evaluate of its source: that runs
// over the DevTools protocol, outside the page's Content-Security-Policy, whereas
// page.addScriptTag({ content }) writes an inline <script> that the studio's policy (no
// 'unsafe-inline') refuses. A context with bypassCSP would also do, but then the page under test
// would no longer run under the policy it ships with.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, NodeResult, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** WCAG 2.0 and 2.1, levels A and AA: what issue 14 asks for. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe's failure summary on one line: "Fix any of the following: Element has insufficient…". */
const oneLine = (text = '') => text.replace(/\s*\n\s*/g, ' ').trim();

function describeNode(node: NodeResult): string {
  return `    ${node.target.join(' ')}: ${oneLine(node.failureSummary)}`;
}

function describeViolation(violation: Result): string {
  const head = `${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help}`;
  return [head, ...violation.nodes.map(describeNode)].join('\n');
}

/** The page's WCAG 2.1 A/AA violations, each as "rule (impact): help" and one line per element
 *  (its selector and what to fix, contrast ratios included); [] when it passes. */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (tags) =>
      (globalThis as unknown as { axe: { run(options: object): Promise<AxeResults> } }).axe.run({
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    TAGS,
  );
  return results.violations.map(describeViolation);
}
