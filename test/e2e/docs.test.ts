import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { CHROMIUM, HAVE_CHROMIUM, LAUNCH, listenOnLoopback } from '../helpers/chromium.js';

/**
 * The API reference at /docs (Swagger UI) in Debian's Chromium, under the page's own
 * Content-Security-Policy. Where no Chromium can be had the suite is skipped with a message.
 */

describe.skipIf(!HAVE_CHROMIUM)(HAVE_CHROMIUM ? 'API reference in Chromium' : `API reference in Chromium (skipped: no Chromium at ${CHROMIUM})`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await buildTestApp();
    base = await listenOnLoopback(t.app);
    browser = await chromium.launch(LAUNCH);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('loads /docs with no console error and no CSP violation, and "Try it out" runs a request', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    // Violations are reported to the page as events; collect them from the first script on.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });

    const response = await page.goto(`${base}/docs`);
    expect(response?.status()).toBe(200);
    // The page's own policy: the site's, with the UI's styles allowed by hash, never inline at large.
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/style-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
    expect(csp).not.toContain('unsafe-inline');

    // The operations are listed once the UI has fetched and rendered the document.
    const operation = page.locator('#operations-service-getHealth');
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    const answer = page.waitForResponse((r) => r.url() === `${base}/health` && r.request().method() === 'GET');
    await operation.getByRole('button', { name: 'Execute' }).click();
    expect((await answer).status()).toBe(200);
    await expect.poll(() => operation.locator('.live-responses-table tbody .response-col_status').first().textContent()).toContain('200');

    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
