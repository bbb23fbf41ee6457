/**
 * Lighthouse (mobile preset) over every page of the figures explorer: `/` and each table page,
 * as listed by the API itself. Prints each page's four category scores and the audits that fail.
 *
 *   npm run audit:pages                      starts the app on a free loopback port and audits it
 *   npm run audit:pages -- http://host:port  audits a server that is already running
 *   npm run audit:pages -- / /tables/asylum  audits only these pages (with or without a URL)
 *
 * Chromium is Debian's (/usr/bin/chromium, or CHROMIUM_PATH). Accessibility, best practices and
 * SEO do not depend on machine load; performance does, so read it from a quiet machine.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.js';

export { CHROMIUM };

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];
/** The score every category must reach on every page. */
export const TARGET = 0.95;

export interface PageAudit {
  url: string;
  scores: Partial<Record<Category, number | null>>;
  /** Audits counted in a category that did not pass, with Lighthouse's own display value. */
  failing: { id: string; title: string; score: number; display?: string }[];
  /** A few raw measures worth printing beside the scores. */
  metrics: { tbtMs?: number; lcpMs?: number; domSize?: number };
}

/**
 * Lighthouse waits for a page to settle (a second of quiet after first paint, after load, on the
 * network and on the processor) so that its performance metrics are complete. Accessibility,
 * best practices and SEO read the page as loaded, so without performance a quarter of a second
 * of quiet is enough, and the run takes seconds less.
 */
function settleFor(categories: readonly Category[]) {
  if (categories.includes('performance')) return {};
  return { pauseAfterFcpMs: 250, pauseAfterLoadMs: 250, networkQuietThresholdMs: 250, cpuQuietThresholdMs: 250 };
}

/**
 * One Lighthouse run. A trace that fails to record (NO_NAVSTART and the like) says nothing about
 * the page, only that the browser was busy, so such a run is tried again, at most twice.
 */
async function lighthouseReport(url: string, port: number, categories: readonly Category[]) {
  for (let attempt = 1; ; attempt++) {
    // No full-page screenshot: it only illustrates an HTML report, and costs a second of rendering per page.
    const run = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...categories], disableFullPageScreenshot: true, ...settleFor(categories) });
    if (!run) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (!run.lhr.runtimeError) return run.lhr;
    if (attempt === 3) throw new Error(`Lighthouse could not audit ${url}: ${run.lhr.runtimeError.message}`);
  }
}

/** Runs Lighthouse on each URL in turn in one headless Chromium. */
export async function auditPages(urls: string[], categories: readonly Category[] = CATEGORIES): Promise<PageAudit[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
    logLevel: 'silent',
  });
  try {
    const results: PageAudit[] = [];
    for (const url of urls) {
      const lhr = await lighthouseReport(url, chrome.port, categories);
      const counted = new Set(
        Object.values(lhr.categories).flatMap((c) => c.auditRefs.filter((r) => r.weight > 0).map((r) => r.id)),
      );
      const failing = Object.values(lhr.audits)
        .filter((a) => counted.has(a.id) && a.score !== null && a.score < 0.9)
        .map((a) => ({ id: a.id, title: a.title, score: a.score!, ...(a.displayValue ? { display: String(a.displayValue) } : {}) }));
      const numeric = (id: string) => lhr.audits[id]?.numericValue;
      results.push({
        url,
        scores: Object.fromEntries(categories.map((c) => [c, lhr.categories[c]?.score ?? null])),
        failing,
        metrics: { tbtMs: numeric('total-blocking-time'), lcpMs: numeric('largest-contentful-paint'), domSize: numeric('dom-size') },
      });
    }
    return results;
  } finally {
    chrome.kill();
  }
}

/** A free port on the loopback interface, so the app can be told its own public address before it listens. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts the server from the seed files on a fresh store, in a process of its own so that
 * Lighthouse's work in this one never delays its answers. Resolves once it logs that it listens.
 */
async function startServer(): Promise<{ base: string; stop: () => Promise<void> }> {
  const { buildDatabase, seedFiles } = await import('../src/seed/build-database.js');
  const dir = mkdtempSync(join(tmpdir(), 'ind-audit-'));
  const path = join(dir, 'ind.sqlite');
  buildDatabase(path, seedFiles());
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'src', 'server.ts')], {
    // Load shedding answers 503 while the first pages are drawn on a busy machine; the audit is of the pages.
    env: { ...process.env, LOG_LEVEL: 'info', MAX_EVENT_LOOP_DELAY_MS: '0', DATABASE_PATH: path, HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: base },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(server, 'exit');
  await new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: server.stdout! });
    lines.on('line', (line) => {
      if (line.includes('Server listening at')) resolve();
    });
    void exited.then(([code]) => reject(new Error(`the server exited with ${code} before listening`)));
  });
  return {
    base,
    stop: async () => {
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `/` and every table page, from the API's own list of tables. */
export async function explorerPaths(base: string): Promise<string[]> {
  const response = await fetch(`${base}/v1/tables`);
  if (!response.ok) throw new Error(`${base}/v1/tables answered ${response.status}: ${await response.text()}`);
  const tables = (await response.json()) as { data: { id: string }[] };
  return ['/', ...tables.data.map((t) => `/tables/${t.id}`)];
}

const score = (s: number | null | undefined) => (s === null || s === undefined ? '  – ' : s.toFixed(2));

export function printAudits(results: PageAudit[]): void {
  const width = Math.max(...results.map((r) => new URL(r.url).pathname.length), 4);
  console.log(`${'page'.padEnd(width)}  perf  a11y  b.p.  seo   TBT ms  LCP ms  DOM`);
  for (const r of results) {
    const s = r.scores;
    const m = r.metrics;
    console.log(
      `${new URL(r.url).pathname.padEnd(width)}  ${score(s.performance)}  ${score(s.accessibility)}  ${score(s['best-practices'])}  ${score(s.seo)}  ${String(Math.round(m.tbtMs ?? NaN)).padStart(6)}  ${String(Math.round(m.lcpMs ?? NaN)).padStart(6)}  ${String(m.domSize ?? '–').padStart(4)}`,
    );
    for (const f of r.failing) console.log(`${' '.repeat(width)}  ✘ ${f.id} (${f.score.toFixed(2)})${f.display ? `: ${f.display}` : ''}`);
  }
  const below = results.flatMap((r) =>
    Object.entries(r.scores)
      .filter(([, v]) => v !== null && v !== undefined && v < TARGET)
      .map(([c, v]) => `${new URL(r.url).pathname} ${c} ${score(v)}`),
  );
  console.log(below.length ? `below ${TARGET}: ${below.join('; ')}` : `every page ≥ ${TARGET} in every category`);
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.error(`audit:pages: no Chromium at ${CHROMIUM}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
    process.exit(2);
  }
  const args = process.argv.slice(2);
  const given = args.find((a) => /^https?:\/\//.test(a));
  const only = args.filter((a) => a.startsWith('/'));
  const server = given ? { base: given.replace(/\/+$/, ''), stop: async () => {} } : await startServer();
  try {
    const paths = only.length ? only : await explorerPaths(server.base);
    console.log(`Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile preset, ${paths.length} pages of ${server.base}`);
    const results = await auditPages(paths.map((p) => `${server.base}${p}`));
    printAudits(results);
    // Performance moves with the machine's load, so only the other three decide the exit status.
    const deterministic = CATEGORIES.filter((c) => c !== 'performance');
    if (results.some((r) => deterministic.some((c) => (r.scores[c] ?? 1) < TARGET))) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: Error) => {
    console.error(`audit:pages: ${err.message}`);
    process.exit(1);
  });
}
