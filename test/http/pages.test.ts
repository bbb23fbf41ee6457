import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFiles } from '../../src/seed/build-database.js';
import type { DrawCharts } from '../../src/web/charts.js';
import { renderHome } from '../../src/web/home.js';
import { renderTable } from '../../src/web/table-page.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

interface ApiRelease {
  id: string;
  url: string | null;
  language: string;
  name: { nl: string; en: string };
}

interface ApiSeries {
  metric: string;
  procedure: string;
  points: { year: number; value: number; release: string; disagree: boolean; vintages: { release: string; value: number }[] }[];
}

interface ApiMetric {
  id: string;
  cumulative: boolean;
  definition: { nl: string; en: string } | null;
}

/** The explorer pages over HTTP: negotiation, language, caching and errors, on the real app and store. */
describe('explorer pages over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const langOf = (body: string) => /<html lang="(\w+)">/.exec(body)?.[1];

  it('answers a browser at / with the front page, cacheable and varying on what chooses it', async () => {
    const res = await get('/', { accept: HTML });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers.vary).toBe('Accept, Accept-Language, Cookie, Accept-Encoding');
    expect(res.headers['content-language']).toBe('en');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers.etag).toBeDefined();
    expect(res.body).toContain('<h1>The latest figures at a glance</h1>');
    const again = await get('/', { accept: HTML, 'if-none-match': res.headers.etag as string });
    expect(again.statusCode).toBe(304);
  });

  it('sends API clients on from / to the JSON front door, which stays JSON', async () => {
    for (const accept of [undefined, '*/*', 'application/json']) {
      const res = await get('/', accept ? { accept } : {});
      expect(res.statusCode, String(accept)).toBe(302);
      expect(res.headers.location).toBe('/v1');
      expect(res.headers.vary).toBe('Accept, Accept-Language, Cookie');
    }
    const v1 = await get('/v1', { accept: HTML });
    expect(v1.headers['content-type']).toMatch(/^application\/json/);
    expect(v1.json().links.tables.href).toBe('/v1/tables');
  });

  it('picks the language from Accept-Language, English by default', async () => {
    expect(langOf((await get('/', { accept: HTML, 'accept-language': 'nl-NL,nl;q=0.9,en;q=0.8' })).body)).toBe('nl');
    expect(langOf((await get('/', { accept: HTML, 'accept-language': 'nl-BE' })).body)).toBe('nl');
    expect(langOf((await get('/', { accept: HTML, 'accept-language': 'fr-FR, nl;q=0.5' })).body)).toBe('nl');
    expect(langOf((await get('/', { accept: HTML, 'accept-language': 'de-DE,de;q=0.9' })).body)).toBe('en');
    expect(langOf((await get('/', { accept: HTML })).body)).toBe('en');
  });

  it('remembers the language chosen with ?lang= in a cookie that outranks Accept-Language', async () => {
    const chosen = await get('/?lang=nl', { accept: HTML, 'accept-language': 'en' });
    expect(langOf(chosen.body)).toBe('nl');
    const cookie = String(chosen.headers['set-cookie']);
    expect(cookie).toMatch(/^lang=nl;/);
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toMatch(/Max-Age=\d{7,}/);
    expect(chosen.headers['cache-control']).toBe('private, no-cache');
    const later = await get('/tables/asylum', { accept: HTML, 'accept-language': 'en', cookie: 'lang=nl' });
    expect(langOf(later.body)).toBe('nl');
    expect(later.body).toContain('<h1>Asiel</h1>');
    expect(later.headers['set-cookie']).toBeUndefined();
    // A cookie we did not set is ignored.
    expect(langOf((await get('/', { accept: HTML, cookie: 'lang=xx', 'accept-language': 'nl' })).body)).toBe('nl');
  });

  it('answers an unknown or repeated ?lang= with a 400 page, setting no cookie', async () => {
    for (const url of ['/?lang=de', '/tables/asylum?lang=nl&lang=en']) {
      const res = await get(url, { accept: HTML });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.body).toContain('The language must be nl or en.');
    }
  });

  it('shows every table on its own page, in both languages, with every figure the API serves', async () => {
    const tables = (await get('/v1/tables')).json().data as { id: string }[];
    expect(tables.map((x) => x.id)).toEqual(t.app.dataset.tables.map((x) => x.id));
    for (const { id } of tables) {
      const api = (await get(`/v1/tables/${id}`)).json() as { figures: { metric: string; procedure: string; year: number; value: number }[] };
      for (const lang of ['en', 'nl']) {
        const res = await get(`/tables/${id}?lang=${lang}`, { accept: HTML });
        expect(res.statusCode, `${id} ${lang}`).toBe(200);
        for (const f of api.figures) {
          const cell = `data-metric="${f.metric}" data-procedure="${f.procedure}" data-year="${f.year}" data-value="${f.value}"`;
          expect(res.body, `${id} ${lang} ${f.metric}/${f.procedure}/${f.year}`).toContain(cell);
        }
        // Every chart placed on the page was drawn into it: one SVG per chart figure, no placeholder left.
        expect(res.body).not.toContain('<!--chart');
        expect(res.body.match(/<svg /g)?.length ?? 0, `${id} ${lang} charts`).toBe(res.body.match(/<figure class="chart" data-chart="/g)?.length ?? 0);
        expect(res.body).toContain(`href="/v1/tables/${id}?format=json-stat"`);
        expect(res.body).toContain(`href="/v1/tables/${id}?format=csv"`);
        expect(res.body).toContain(`curl -H &#39;Accept: application/json&#39; &#39;http://127.0.0.1:3000/v1/tables/${id}&#39;`);
      }
    }
  });

  it('draws a series chart per metric and lists every release\'s value of each point, as /v1/series gives them', async () => {
    const releases = new Map(((await get('/v1/releases')).json().data as ApiRelease[]).map((r) => [r.id, r]));
    const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    for (const { id } of (await get('/v1/tables')).json().data as { id: string }[]) {
      const series = (await get(`/v1/series?table=${id}`)).json().data as ApiSeries[];
      const metrics = (await get(`/v1/tables/${id}`)).json().metrics as ApiMetric[];
      for (const lang of ['en', 'nl'] as const) {
        const body = (await get(`/tables/${id}?lang=${lang}`, { accept: HTML })).body;
        const charts = [...body.matchAll(/<figure class="chart" data-chart="series" data-metric="([^"]+)">/g)].map((x) => x[1]);
        expect(charts, `${id} ${lang}`).toEqual(metrics.map((x) => x.id).filter((x) => series.some((s) => s.metric === x)));
        const rows = [...body.matchAll(/<tr data-vintage data-metric="([^"]+)" data-procedure="(\w+)" data-year="(\d+)" data-release="([^"]+)" data-value="([^"]+)">([\s\S]*?)<\/tr>/g)];
        const expected = series.flatMap((s) => s.points.flatMap((p) => p.vintages.map((v) => `${s.metric}/${s.procedure}/${p.year}/${v.release}/${v.value}`)));
        expect(rows.map((r) => r.slice(1, 6).join('/')).sort(), `${id} ${lang}`).toEqual(expected.sort());
        for (const row of rows) {
          const release = releases.get(row[4]!)!;
          // The release is named in the page's language and linked to where it was published.
          expect(row[6], row[0]).toContain(release.url ? `<a href="${escaped(release.url)}" hreflang="${release.language}">${escaped(release.name[lang])}</a>` : escaped(release.name[lang]));
        }
        for (const metric of metrics) {
          const block = body.slice(body.indexOf(`id="series-${metric.id}"`));
          const figure = block.slice(0, block.indexOf('</figure>'));
          if (metric.definition) expect(block.slice(0, block.indexOf('<figure')), metric.id).toContain(escaped(metric.definition[lang]));
          expect(figure.includes('data-cumulative'), `${id}/${metric.id} says whether it is cumulative`).toBe(metric.cumulative && series.some((s) => s.metric === metric.id));
        }
      }
    }
  });

  it('marks the points where releases disagree, such as the first asylum applications of 2016', async () => {
    const [series] = (await get('/v1/series?table=asylum&metric=first-applications&procedure=total')).json().data as ApiSeries[];
    const flagged = series!.points.filter((p) => p.disagree);
    expect(flagged.map((p) => p.year)).toContain(2016);
    expect(new Set(flagged.find((p) => p.year === 2016)!.vintages.map((v) => v.value)).size).toBeGreaterThan(1);
    const body = (await get('/tables/asylum?lang=en', { accept: HTML })).body;
    for (const point of series!.points) {
      const rows = [...body.matchAll(new RegExp(`<tr data-vintage data-metric="first-applications" data-procedure="total" data-year="${point.year}"[^>]*>\\s*<th scope="row"( class="disagree")?>`, 'g'))];
      expect(rows, String(point.year)).toHaveLength(point.vintages.length);
      for (const row of rows) expect(row[1] !== undefined, `${point.year} marked`).toBe(point.disagree);
    }
    // The row the current value comes from says so.
    const point = flagged.find((p) => p.year === 2016)!;
    const current = new RegExp(`<tr data-vintage data-metric="first-applications" data-procedure="total" data-year="2016" data-release="${point.release}" data-value="${point.value}">[\\s\\S]*?</tr>`).exec(body)![0];
    expect(current).toContain('current value');
    // The chart draws those points as diamonds with a dark ring and says so in its description.
    const chart = /<svg[^>]*id="chart-asylum-series-first-applications"[\s\S]*?<\/svg>/.exec(body)![0];
    expect(chart.match(/d="M0 -1L1 0L0 1L-1 0Z"[^>]*stroke="#a4161a"/g)).toHaveLength(flagged.length);
    expect(chart).toMatch(/<desc[^>]*>[^<]*2016 [\d,]+ \(releases disagree\)/);
  });

  it('leaves a year without a figure as a gap in the series chart, not a zero', async () => {
    const table = ((await get('/v1/tables')).json().data as { id: string; years: number[] }[]).find((x) => {
      const span = Math.max(...x.years) - Math.min(...x.years) + 1;
      return span > x.years.length;
    })!;
    const missing = Array.from({ length: Math.max(...table.years) - Math.min(...table.years) + 1 }, (_, i) => Math.min(...table.years) + i).filter((y) => !table.years.includes(y));
    const body = (await get(`/tables/${table.id}?lang=en`, { accept: HTML })).body;
    const desc = /<svg[^>]*id="chart-[^"]+-series-[^"]+"[\s\S]*?<desc[^>]*>([^<]*)<\/desc>/.exec(body)![1]!;
    for (const year of missing) expect(desc).toContain(`${year} no figure`);
    // Every year from the first to the last is on the axis.
    for (const year of missing) expect(body).toMatch(new RegExp(`<text[^>]*>${year}</text>`));
  });

  it('draws the same page to the same bytes and ETag whatever the process drew before', async () => {
    const first = await get('/tables/asylum?lang=en', { accept: HTML });
    const other = await buildTestApp();
    try {
      for (const { id } of t.app.dataset.tables) await other.app.inject({ url: `/tables/${id}?lang=nl`, headers: { accept: HTML } });
      await other.app.inject({ url: '/?lang=en', headers: { accept: HTML } });
      const again = await other.app.inject({ url: '/tables/asylum?lang=en', headers: { accept: HTML } });
      expect(again.body).toBe(first.body);
      expect(again.headers.etag).toBe(first.headers.etag);
    } finally {
      await other.close();
    }
  });

  it('sends API clients from a table page to the table resource', async () => {
    const res = await get('/tables/asylum', { accept: 'application/json' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/v1/tables/asylum');
  });

  it('answers an unknown table with a 404 page for browsers and problem+json for API clients', async () => {
    const page = await get('/tables/<nope>', { accept: HTML });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('There is no table &quot;&lt;nope&gt;&quot;.');
    expect(page.body).not.toContain('<nope>');
    const problem = await get('/tables/nope', { accept: 'application/json' });
    expect(problem.statusCode).toBe(404);
    expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problem.json().errors[0].allowed).toContain('asylum');
  });

  it('serves the stylesheet, script and icons the pages link to, cached for good under their versioned address, and nothing inline', async () => {
    const home = (await get('/', { accept: HTML })).body;
    const table = (await get('/tables/asylum', { accept: HTML })).body;
    const css = /<link rel="stylesheet" href="(\/assets\/explorer\.css\?v=\w+)">/.exec(home)?.[1];
    const js = /<script src="(\/assets\/explorer\.js\?v=\w+)" defer><\/script>/.exec(table)?.[1];
    const svg = /<link rel="icon" href="(\/assets\/icon\.svg\?v=\w+)" type="image\/svg\+xml">/.exec(home)?.[1];
    const ico = /<link rel="icon" href="(\/favicon\.ico\?v=\w+)" sizes="32x32">/.exec(home)?.[1];
    const style = await get(css!);
    expect(style.statusCode).toBe(200);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(style.body).toContain('.card{');
    const script = await get(js!);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain('navigator.clipboard');
    expect(script.body).not.toMatch(/\bimport\b|\brequire\(/);
    const icon = await get(svg!);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const res of [style, script, icon, await get(ico!)]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    // Without the current version the address may change content: the usual lifetime, not immutable.
    expect((await get(css!.replace(/\?v=\w+/, '?v=old'))).headers['cache-control']).toBe('public, max-age=3600');
    // The front page has nothing for the script to do, so it does not load it.
    expect(home).not.toContain('explorer.js');
    // The policy forbids inline styles and scripts, so the pages must have none; the JSON-LD
    // block is data, not script, and browsers never execute it.
    for (const page of [home, table]) expect(page).not.toMatch(/<style|\sstyle="/);
    expect(table.match(/<script(?! type="application\/ld\+json")/g)).toHaveLength(1);
  });

  it("answers the browser's own request for /favicon.ico with a 32×32 Windows icon, cacheable", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/x-icon');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const ico = res.rawPayload;
    // ICONDIR: reserved 0, type 1 (icon), one image of 32×32 at 32 bits per pixel.
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 1]);
    expect([ico[6], ico[7], ico.readUInt16LE(12)]).toEqual([32, 32, 32]);
    expect(ico.readUInt32LE(18) + ico.readUInt32LE(14)).toBe(ico.length);
    // The corner pixel is transparent, the centre is opaque.
    const pixel = (x: number, y: number) => 22 + 40 + ((31 - y) * 32 + x) * 4;
    expect(ico[pixel(0, 0) + 3]).toBe(0);
    expect(ico[pixel(16, 16) + 3]).toBe(255);
  });

  it('gives every page its canonical address and its translations as absolute URLs from PUBLIC_URL', async () => {
    const base = t.app.config.PUBLIC_URL;
    for (const [url, path] of [['/?lang=nl', '/'], ['/tables/asylum', '/tables/asylum']] as const) {
      const res = await get(url, { accept: HTML });
      const lang = langOf(res.body);
      const head = res.body.slice(0, res.body.indexOf('</head>'));
      expect(head, url).toContain(`<link rel="canonical" href="${base}${path}?lang=${lang}">`);
      for (const l of ['nl', 'en']) expect(head, url).toContain(`<link rel="alternate" hreflang="${l}" href="${base}${path}?lang=${l}">`);
      expect(head.match(/rel="canonical"/g)).toHaveLength(1);
    }
    // An error page is not for search engines.
    const missing = (await get('/tables/nope', { accept: HTML })).body;
    expect(missing).toContain('<meta name="robots" content="noindex">');
    expect(missing).not.toContain('rel="canonical"');
  });

  it('serves robots.txt pointing at a sitemap of every page in both languages, drawn from the data', async () => {
    const base = t.app.config.PUBLIC_URL;
    const robots = await get('/robots.txt');
    expect(robots.statusCode).toBe(200);
    expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(robots.body).toMatch(/^User-agent: \*$/m);
    expect(robots.body).toContain(`Sitemap: ${base}/sitemap.xml`);

    const sitemap = await get('/sitemap.xml');
    expect(sitemap.statusCode).toBe(200);
    expect(sitemap.headers['content-type']).toBe('application/xml; charset=utf-8');
    const locs = [...sitemap.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((x) => x[1]);
    const tables = ((await get('/v1/tables')).json().data as { id: string }[]).map((x) => x.id);
    const pages = ['/', ...tables.map((id) => `/tables/${id}`)];
    expect(locs.sort()).toEqual(pages.flatMap((p) => [`${base}${p}?lang=en`, `${base}${p}?lang=nl`]).sort());
    // Each entry names its translations, and every address listed is a page that answers.
    expect(sitemap.body.match(/<xhtml:link rel="alternate" hreflang="(nl|en)"/g)).toHaveLength(locs.length * 2);
    for (const loc of locs.slice(0, 4)) expect((await get(loc!.slice(base.length), { accept: HTML })).statusCode, loc).toBe(200);
  });

  it('describes its dataset to search engines as schema.org JSON-LD', async () => {
    for (const [url, type, name] of [['/', 'Dataset', 'all figures'], ['/tables/students', 'Dataset', 'Students']] as const) {
      const page = (await get(url, { accept: HTML })).body;
      const block = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)?.[1];
      const data = JSON.parse(block!);
      expect(data['@context']).toBe('https://schema.org');
      expect(data['@type']).toBe(type);
      expect(data.name).toContain(name);
      expect(data.license).toMatch(/creativecommons\.org\/publicdomain\/zero/);
      expect(data.distribution.length).toBeGreaterThan(0);
    }
  });

  it('writes the JSON-LD block into the head when one is given, and none otherwise', async () => {
    const jsonLd = { '@context': 'https://schema.org', '@type': 'Dataset', name: 'a </script> b' };
    const drawCharts: DrawCharts = (charts) => t.app.offload.run('drawCharts', charts);
    const home = await renderHome(t.app.dataset, 'en', { publicUrl: 'http://x', jsonLd, drawCharts });
    const head = home.slice(0, home.indexOf('</head>'));
    const block = /<script type="application\/ld\+json">(.*?)<\/script>/.exec(head)?.[1];
    expect(JSON.parse(block!)).toEqual(jsonLd);
    expect(await renderTable(t.app.dataset, 'asylum', 'nl', { publicUrl: 'http://x', jsonLd, drawCharts })).toContain('application/ld+json');
    expect(await renderHome(t.app.dataset, 'en', { publicUrl: 'http://x', drawCharts })).not.toContain('application/ld+json');
  });
});

describe('explorer pages escape what the data says', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ind-seed-'));
    const file = join(dir, 'ind-2016.yaml');
    const seed = readFileSync(seedFiles()[0]!, 'utf8').replace(
      'title: { nl: "Asiel", en: "Asylum" }',
      'title: { nl: "Asiel", en: "Asylum <img src=x onerror=alert(1)> & \\"more\\"" }',
    );
    writeFileSync(file, seed);
    t = await buildTestApp({ files: [file] });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never turns a label into markup', async () => {
    for (const url of ['/?lang=en', '/tables/asylum?lang=en']) {
      const res = await t.app.inject({ url, headers: { accept: HTML } });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<img src=x');
      expect(res.body).toContain('Asylum &lt;img src=x onerror=alert(1)&gt; &amp; &quot;more&quot;');
    }
  });
});
