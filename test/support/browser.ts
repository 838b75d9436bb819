// Debian's Chromium driven by playwright-core, and axe-core injected into a page (on Node 20,
// @axe-core/playwright cannot be installed: it declares Node >= 22.12). Under CI=true a browser
// that cannot start fails the suite; elsewhere the suite skips with a note on stderr.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CLIENTSYNC_CHROMIUM'] ?? '/usr/bin/chromium';
const require = createRequire(import.meta.url);

/**
 * False only outside CI when no Chromium is installed: suites then skip (with the note that
 * launchBrowser prints). Under CI=true it is always true, so a missing browser fails the suite.
 */
export function browserExpected(): boolean {
  return process.env['CI'] === 'true' || existsSync(CHROMIUM);
}

/** Null (and a note) when no browser is installed outside CI; throws under CI=true. */
export async function launchBrowser(): Promise<Browser | null> {
  if (!existsSync(CHROMIUM)) {
    const problem = `browser tests need Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CLIENTSYNC_CHROMIUM)`;
    if (process.env['CI'] === 'true') throw new Error(`${problem}; under CI=true that fails instead of skipping`);
    process.stderr.write(`${problem}; skipping\n`);
    return null;
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ['--disable-gpu', '--disable-dev-shm-usage'] });
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/**
 * axe-core's violations on the page as it is now (WCAG 2.x A and AA, best practices). axe is
 * evaluated through the DevTools protocol rather than added as a <script> tag: the pages' CSP
 * (no inline script) stays in force while axe looks at them.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(require.resolve('axe-core'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/** Where the browser suites save screenshots (not committed; docs/ holds chosen ones). */
export function screenshotDir(): string {
  const dir = process.env['CLIENTSYNC_SCREENSHOT_DIR'] ?? join(tmpdir(), 'clientsync-screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}
