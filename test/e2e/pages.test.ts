import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { CHROMIUM, HAVE_CHROMIUM, LAUNCH, listenOnLoopback } from '../helpers/chromium.js';

/**
 * The figures explorer in a real browser: Debian's Chromium driven by playwright-core against the
 * real app listening on a loopback port. Where no Chromium can be had the suite is skipped with
 * a message saying so, never failed.
 */

/**
 * Screenshots are for looking at the pages by eye, and nothing asserts on them: `SCREENSHOTS=1
 * npm test` saves them to test-results/screenshots/; a plain run spends no time taking them.
 */
const SCREENSHOTS = process.env.SCREENSHOTS === '1' ? join(import.meta.dirname, '..', '..', 'test-results', 'screenshots') : undefined;

async function screenshot(target: Page | Locator, name: string, fullPage = false): Promise<void> {
  if (!SCREENSHOTS) return;
  const path = join(SCREENSHOTS, name);
  await ('goto' in target ? target.screenshot({ path, fullPage }) : target.screenshot({ path }));
}

interface ApiFigure {
  table: string;
  metric: string;
  procedure: string;
  year: number;
  value: number;
}

interface ApiDelta {
  table: string;
  metric: string;
  procedure: string;
  from: number;
  to: number;
  change: number;
  changePercent: number | null;
}

interface ApiSeries {
  metric: string;
  procedure: string;
  points: { year: number; disagree: boolean; vintages: { release: string; value: number }[] }[];
}

interface ShownFigure {
  table: string;
  metric: string;
  procedure: string;
  year: number;
  dataValue: number;
  text: string;
}

const key = (f: { table: string; metric: string; procedure: string; year: number }) => `${f.table}/${f.metric}/${f.procedure}/${f.year}`;

/** Per table, the years its card compares: the latest with figures and the one before it, when present. */
function comparedYears(figures: ApiFigure[]): Map<string, { later: number; earlier?: number }> {
  const years = new Map<string, Set<number>>();
  for (const f of figures) years.set(f.table, (years.get(f.table) ?? new Set()).add(f.year));
  return new Map(
    [...years].map(([table, set]) => {
      const later = Math.max(...set);
      return [table, set.has(later - 1) ? { later, earlier: later - 1 } : { later }];
    }),
  );
}

/** Reads the number a person sees, in the page's notation, without using the app's formatter. */
function readNumber(text: string, lang: string): number {
  const digits = text
    .replace(/^ca\.\s*/, '')
    .replace(/\u2212/g, '-')
    .replace(lang === 'nl' ? /\./g : /,/g, '')
    .replace(',', '.')
    .replace(/[^0-9.\-]/g, '');
  return Number(digits);
}

async function shownFigures(page: Page, scope = 'body'): Promise<ShownFigure[]> {
  return page.locator(`${scope} [data-figure]`).evaluateAll((cells) =>
    cells.map((c) => {
      const el = c as HTMLElement;
      return {
        table: el.dataset.table!,
        metric: el.dataset.metric!,
        procedure: el.dataset.procedure!,
        year: Number(el.dataset.year),
        dataValue: Number(el.dataset.value),
        // The visible figure, without the share in brackets the breakdown adds.
        text: (el.firstChild?.nodeType === 3 ? el.textContent!.split('(')[0]! : el.textContent!).trim(),
      };
    }),
  );
}

async function seriousViolations(page: Page) {
  await page.evaluate(axe.source);
  // Every rule runs and every violation comes back whole; only the passes are summed up (one
  // node each), which spares the browser about a megabyte of results per page.
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
  expect(result.passes.length, 'axe ran its rules').toBeGreaterThan(10);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

async function firstContentfulPaint(page: Page): Promise<number | undefined> {
  // The entry may arrive just after the load event; a buffered observer waits for it (bounded).
  return page.evaluate(
    () =>
      new Promise<number | undefined>((resolve) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0];
          if (entry) resolve(entry.startTime);
        }).observe({ type: 'paint', buffered: true });
        setTimeout(() => resolve(undefined), 5000);
      }),
  );
}

describe.skipIf(!HAVE_CHROMIUM)(HAVE_CHROMIUM ? 'figures explorer in Chromium' : `figures explorer in Chromium (skipped: no Chromium at ${CHROMIUM})`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let figures: ApiFigure[];
  let deltas: ApiDelta[];

  const newContext = (locale: string, options: { width?: number; height?: number } = {}): Promise<BrowserContext> =>
    browser.newContext({ locale, viewport: { width: options.width ?? 1280, height: options.height ?? 900 } });

  beforeAll(async () => {
    t = await buildTestApp();
    base = await listenOnLoopback(t.app);
    figures = ((await (await fetch(`${base}/v1/figures?limit=10000`)).json()) as { data: ApiFigure[] }).data;
    deltas = ((await (await fetch(`${base}/v1/deltas?limit=10000`)).json()) as { data: ApiDelta[] }).data;
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch(LAUNCH);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('paints the front page quickly and shows each table\'s latest totals, and the year before, exactly as the API gives them', async () => {
    const context = await newContext('en-GB');
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/.test(message.text())) refused.push(message.text());
    });
    const response = await page.goto(`${base}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    const coldPaint = await firstContentfulPaint(page);
    await page.reload();
    const warmPaint = await firstContentfulPaint(page);
    console.log(`[browser tests] front page first contentful paint: ${coldPaint?.toFixed(0)} ms on first load (drawn by the server), ${warmPaint?.toFixed(0)} ms on reload`);

    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // The stylesheet applied and nothing was refused by the page's Content-Security-Policy.
    expect(await page.locator('.site-header').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(22, 50, 92)');
    expect(refused).toEqual([]);
    const shown = await shownFigures(page, '.cards');
    const api = new Map(figures.map((f) => [key(f), f]));
    for (const s of shown) {
      const f = api.get(key(s));
      expect(f, key(s)).toBeDefined();
      expect(s.dataValue, key(s)).toBe(f!.value);
      expect(readNumber(s.text, 'en'), `${key(s)} shows "${s.text}"`).toBe(f!.value);
    }
    // Every total of the years each card compares appears on it.
    const compared = comparedYears(figures);
    const totals = figures.filter((f) => f.procedure === 'total' && [compared.get(f.table)!.later, compared.get(f.table)!.earlier].includes(f.year));
    const shownKeys = new Set(shown.map(key));
    expect(totals.filter((f) => !shownKeys.has(key(f))).map(key)).toEqual([]);
    // One card per table.
    const tables = new Set(figures.map((f) => f.table));
    expect(await page.locator('.cards > li > article.card').count()).toBe(tables.size);

    // Every change shown is the API's latest one, with an arrow that matches its sign.
    const shownDeltas = await page.locator('.cards [data-delta]').evaluateAll((cells) =>
      cells.map((c) => ({
        table: (c.closest('article') as HTMLElement).dataset.table!,
        metric: (c as HTMLElement).dataset.metric!,
        change: Number((c as HTMLElement).dataset.change),
        arrow: getComputedStyle(c, '::before').content,
      })),
    );
    const latest = deltas.filter((d) => d.procedure === 'total' && compared.get(d.table)!.later === d.to && compared.get(d.table)!.earlier === d.from);
    expect(shownDeltas.length).toBe(latest.length);
    for (const d of shownDeltas) {
      const a = latest.find((x) => x.table === d.table && x.metric === d.metric);
      expect(a, `${d.table}/${d.metric}`).toBeDefined();
      expect(d.change).toBe(a!.change);
      expect(d.arrow).toContain(a!.change > 0 ? '▲' : a!.change < 0 ? '▼' : '■');
    }
    await screenshot(page, 'home-en.png', true);
    await context.close();
  });

  it('draws every chart as SVG with an accessible name, a description and labelled bars', async () => {
    const context = await newContext('en-GB');
    const page = await context.newPage();
    const chartsOn = async (path: string) => {
      await page.goto(`${base}${path}`);
      return page.locator('svg[role="img"]').evaluateAll((svgs) =>
        svgs.map((svg) => {
          const [titleId, descId] = svg.getAttribute('aria-labelledby')!.split(' ');
          return {
            id: svg.id,
            name: document.getElementById(titleId!)?.textContent ?? '',
            description: document.getElementById(descId!)?.textContent ?? '',
            bars: svg.querySelectorAll('path').length,
            texts: Array.from(svg.querySelectorAll('text')).map((x) => x.textContent ?? ''),
            width: svg.getBoundingClientRect().width,
          };
        }),
      );
    };
    const home = await chartsOn('/');
    const compared = comparedYears(figures);
    expect(home.filter((c) => c.id.endsWith('-compare')).length).toBe([...compared.values()].filter((y) => y.earlier !== undefined).length);
    // The split by procedure is drawn on the table pages.
    const split = [...new Set(figures.filter((f) => f.procedure !== 'total').map((f) => f.table))];
    const shares: Awaited<ReturnType<typeof chartsOn>> = [];
    for (const table of split) shares.push(...(await chartsOn(`/tables/${table}`)).filter((c) => c.id.endsWith('-shares')));
    expect(shares.map((c) => c.id).sort()).toEqual(split.map((t) => `chart-${t}-shares`).sort());
    for (const c of [...home, ...shares]) {
      expect(c.name, c.id).not.toBe('');
      expect(c.description, c.id).toMatch(/\d/);
      expect(c.bars, c.id).toBeGreaterThan(0);
      expect(c.width, c.id).toBeGreaterThan(100);
    }
    // Colour is not the only carrier: each bar says what it is.
    const years = compared.get('asylum')!;
    const total = (metric: string, year: number) => figures.find((f) => key(f) === key({ table: 'asylum', metric, procedure: 'total', year }));
    // A count the card compares in both years.
    const both = figures.find((f) => f.table === 'asylum' && f.procedure === 'total' && f.year === years.later && total(f.metric, years.earlier!) && Number.isInteger(f.value))!;
    const asylum = home.find((c) => c.id === 'chart-asylum-compare')!;
    expect(asylum.texts).toEqual(
      expect.arrayContaining([years.earlier!, years.later].map((y) => `${y}: ${total(both.metric, y)!.value.toLocaleString('en-GB')}`)),
    );
    const kt = shares.find((c) => c.id === 'chart-knowledge-and-talent-shares')!;
    expect(kt.texts.some((x) => /^TEV \d/.test(x))).toBe(true);
    expect(kt.texts.some((x) => /^VVR \d/.test(x))).toBe(true);
    await context.close();
  });

  it('starts in the browser\'s language, switches on request and remembers the choice', async () => {
    const context = await newContext('nl-NL');
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    await expect(page.locator('h1').textContent()).resolves.toContain('cijfers');
    expect(await page.locator('#card-asylum').textContent()).toBe('Asiel');
    // Dutch notation of the figures.
    const first = figures.find((f) => f.table === 'asylum' && f.procedure === 'total' && f.year === comparedYears(figures).get('asylum')!.later && f.value >= 1000 && Number.isInteger(f.value))!;
    const nlFigure = page.locator(`[data-table="asylum"][data-metric="${first.metric}"][data-procedure="total"][data-year="${first.year}"]`).first();
    expect(await nlFigure.textContent()).toContain(first.value.toLocaleString('nl-NL'));
    await screenshot(page, 'home-nl.png');

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#card-asylum').textContent()).toBe('Asylum');
    const cookie = (await context.cookies()).find((c) => c.name === 'lang');
    expect(cookie?.value).toBe('en');
    expect(cookie?.sameSite).toBe('Lax');

    // Remembered on the next visit, although the browser still prefers Dutch.
    await page.goto(`${base}/tables/asylum`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Asylum');
    await page.getByRole('link', { name: 'Nederlands' }).click();
    await page.waitForURL(/lang=nl/);
    await page.goto(`${base}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    await context.close();
  });

  it('shows one table with all its figures, changes, breakdown, checks, data links and a working curl box', async () => {
    const context = await newContext('en-GB');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    const id = 'knowledge-and-talent';
    const response = await page.goto(`${base}/tables/${id}`);
    expect(response?.status()).toBe(200);
    const paint = await firstContentfulPaint(page);
    console.log(`[browser tests] table page first contentful paint: ${paint?.toFixed(0)} ms`);

    const api = (await (await fetch(`${base}/v1/tables/${id}`)).json()) as { figures: ApiFigure[]; deltas: ApiDelta[] };
    const shown = await shownFigures(page, '#figures');
    expect(shown.map(key).sort()).toEqual(api.figures.map(key).sort());
    for (const s of shown) {
      const f = api.figures.find((x) => key(x) === key(s))!;
      expect(s.dataValue).toBe(f.value);
      expect(readNumber(s.text, 'en'), `${key(s)} shows "${s.text}"`).toBe(f.value);
    }
    expect(await page.locator('#deltas [data-delta]').count()).toBe(api.deltas.length);

    const breakdown = (await (await fetch(`${base}/v1/tables/${id}/breakdown`)).json()) as { data: unknown[] };
    expect(await page.locator('#breakdown tbody tr').count()).toBe(breakdown.data.length);

    const checks = (await (await fetch(`${base}/v1/checks?table=${id}`)).json()) as { data: { id: string; holds: boolean }[] };
    expect(checks.data.length).toBeGreaterThan(0);
    const shownChecks = await page.locator('#checks [data-check]').evaluateAll((rows) =>
      rows.map((r) => ({ id: (r as HTMLElement).dataset.check!, holds: (r as HTMLElement).dataset.holds === 'true' })),
    );
    expect(shownChecks).toEqual(checks.data.map((c) => ({ id: c.id, holds: c.holds })));

    const hrefs = await page.locator('#data .downloads a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expect.arrayContaining([`/v1/tables/${id}`, `/v1/tables/${id}?format=csv`, `/v1/tables/${id}?format=json-stat`]));
    const csv = await fetch(`${base}/v1/tables/${id}?format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);

    const curl = await page.locator(`#curl-${id}`).textContent();
    expect(curl).toContain(`/v1/tables/${id}`);
    const copy = page.getByRole('button', { name: 'Copy' });
    await expect(copy.isVisible()).resolves.toBe(true);
    await copy.click();
    await page.locator('#data [role="status"]').filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(curl);

    await screenshot(page, `table-${id}-en.png`, true);
    await context.close();
  });

  it('shows each figure as a series with every published value, the disagreements marked and the long lists folded behind a keyboard-operable disclosure', async () => {
    const context = await newContext('en-GB');
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const id = 'asylum';
    await page.goto(`${base}/tables/${id}`);
    const series = ((await (await fetch(`${base}/v1/series?table=${id}`)).json()) as { data: ApiSeries[] }).data;
    const metrics = [...new Set(series.map((s) => s.metric))];

    // One chart per metric, named and described, beside its list of published values.
    const charts = await page.locator('#series svg[role="img"]').evaluateAll((svgs) =>
      svgs.map((svg) => {
        const [titleId, descId] = svg.getAttribute('aria-labelledby')!.split(' ');
        return { id: svg.id, name: document.getElementById(titleId!)?.textContent ?? '', description: document.getElementById(descId!)?.textContent ?? '', width: svg.getBoundingClientRect().width };
      }),
    );
    expect(charts.map((c) => c.id).sort()).toEqual(metrics.map((m) => `chart-${id}-series-${m}`).sort());
    for (const c of charts) {
      expect(c.name, c.id).not.toBe('');
      expect(c.description, c.id).toMatch(/\d/);
      expect(c.width, c.id).toBeGreaterThan(100);
    }
    const shown = await page.locator('#series tr[data-vintage]').evaluateAll((rows) =>
      rows.map((r) => {
        const d = (r as HTMLElement).dataset;
        return `${d.metric}/${d.procedure}/${d.year}/${d.release}/${d.value}`;
      }),
    );
    expect(shown.sort()).toEqual(series.flatMap((s) => s.points.flatMap((p) => p.vintages.map((v) => `${s.metric}/${s.procedure}/${p.year}/${v.release}/${v.value}`))).sort());

    // A point whose releases disagree carries a visible marker and words for screen readers.
    const disagreeing = series.flatMap((s) => s.points.filter((p) => p.disagree).map((p) => ({ metric: s.metric, procedure: s.procedure, year: p.year })));
    expect(disagreeing.length).toBeGreaterThan(0);
    const first = disagreeing[0]!;
    const cell = page.locator(`#series tr[data-vintage][data-metric="${first.metric}"][data-procedure="${first.procedure}"][data-year="${first.year}"] th`).first();
    expect(await cell.evaluate((th) => getComputedStyle(th, '::after').content)).toContain('◆');
    expect(await cell.textContent()).toContain('releases disagree');

    // A long list opens from the keyboard: Tab reaches its summary, Enter opens it.
    const fold = page.locator('#series details').first();
    expect(await fold.count()).toBe(1);
    expect(await fold.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    let reached = false;
    for (let i = 0; i < 400 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.matches('#series details > summary') ?? false);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    expect(await fold.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await fold.locator('tr[data-vintage]').first().isVisible()).toBe(true);

    await screenshot(page.locator('#series'), `table-${id}-series-en.png`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('logs no console error and fetches nothing that fails on the front page and every table page', async () => {
    const context = await newContext('en-GB');
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${page.url()} console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${page.url()} page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${page.url()} ${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => {
      // Going on to the next page cancels what the last one still had in flight (its icon, say):
      // the browser's doing, not a failure of the site.
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`${page.url()} failed ${request.url()}: ${request.failure()?.errorText}`);
    });
    const tables = [...new Set(figures.map((f) => f.table))];
    for (const path of ['/', '/?lang=nl', ...tables.map((t) => `/tables/${t}`)]) {
      // The load event comes after the stylesheet, script and icon have been fetched.
      await page.goto(`${base}${path}`, { waitUntil: 'load' });
      // The browser's own request for /favicon.ico, which it makes when a page names no icon.
      expect((await page.request.get(`${base}/favicon.ico`)).status()).toBe(200);
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it('can be used with the keyboard: the skip link comes first and leads to the content', async () => {
    const context = await newContext('en-GB');
    const page = await context.newPage();
    await page.goto(`${base}/tables/asylum`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
    await context.close();
  });

  it('has no serious or critical accessibility violations (axe-core), in both languages and on a phone', async () => {
    const pages: [string, string, { width?: number; height?: number }][] = [
      ['/', 'en-GB', {}],
      ['/', 'nl-NL', {}],
      ['/tables/asylum', 'nl-NL', {}],
      ['/tables/knowledge-and-talent', 'en-GB', {}],
      ['/tables/finance', 'en-GB', {}],
      ['/tables/asylum', 'en-GB', {}],
      ['/tables/brexit', 'nl-NL', {}],
      ['/tables/no-such-table', 'en-GB', {}],
      ['/', 'en-GB', { width: 390, height: 844 }],
      ['/tables/knowledge-and-talent', 'nl-NL', { width: 360, height: 800 }],
    ];
    const found: Record<string, unknown> = {};
    // One browser context per language and screen size, each page loaded in turn in the same tab.
    const tabs = new Map<string, Page>();
    for (const [path, locale, size] of pages) {
      const setting = `${locale} ${size.width ?? 1280}px`;
      let page = tabs.get(setting);
      if (!page) {
        page = await (await newContext(locale, size)).newPage();
        tabs.set(setting, page);
      }
      await page.goto(`${base}${path}`);
      const violations = await seriousViolations(page);
      if (violations.length) found[`${path} ${setting}`] = violations;
      if (size.width) await screenshot(page, `phone-${path === '/' ? 'home' : 'table'}-${locale.slice(0, 2)}.png`);
      if (path === '/tables/asylum' && locale === 'nl-NL') await screenshot(page, 'table-asylum-nl.png', true);
    }
    for (const page of tabs.values()) await page.context().close();
    expect(found).toEqual({});
    // Ten pages, each loaded and checked by axe: more than the default budget on a busy machine.
  }, 120_000);

  it('fits a phone screen: only wide tables and the curl box scroll, inside their own boxes', async () => {
    const context = await newContext('nl-NL', { width: 360, height: 800 });
    const page = await context.newPage();
    for (const path of ['/', '/tables/documents', '/tables/knowledge-and-talent', '/tables/finance', '/tables/asylum']) {
      await page.goto(`${base}${path}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
    await context.close();
  });

  it('answers an unknown table with a 404 page that leads on', async () => {
    const context = await newContext('en-GB');
    const page = await context.newPage();
    const response = await page.goto(`${base}/tables/no-such-table`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    expect(await page.locator('main nav a[href="/tables/asylum"]').count()).toBe(1);
    await screenshot(page, 'not-found-en.png');
    await context.close();
  });
});
