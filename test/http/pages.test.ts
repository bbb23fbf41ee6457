import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFiles } from '../../src/seed/build-database.js';
import { renderHome } from '../../src/web/home.js';
import { renderTable } from '../../src/web/table-page.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

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
    expect(res.body).toContain('<h1>The figures of 2016 at a glance</h1>');
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
    expect(tables.length).toBe(15);
    for (const { id } of tables) {
      const api = (await get(`/v1/tables/${id}`)).json() as { figures: { metric: string; procedure: string; year: number; value: number }[] };
      for (const lang of ['en', 'nl']) {
        const res = await get(`/tables/${id}?lang=${lang}`, { accept: HTML });
        expect(res.statusCode, `${id} ${lang}`).toBe(200);
        for (const f of api.figures) {
          const cell = `data-metric="${f.metric}" data-procedure="${f.procedure}" data-year="${f.year}" data-value="${f.value}"`;
          expect(res.body, `${id} ${lang} ${f.metric}/${f.procedure}/${f.year}`).toContain(cell);
        }
        expect(res.body).toContain(`href="/v1/tables/${id}?format=json-stat"`);
        expect(res.body).toContain(`href="/v1/tables/${id}?format=csv"`);
        expect(res.body).toContain(`curl -H &#39;Accept: application/json&#39; &#39;http://127.0.0.1:3000/v1/tables/${id}&#39;`);
      }
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

  it('serves the stylesheet and script the pages link to, and nothing inline', async () => {
    const page = (await get('/', { accept: HTML })).body;
    const css = /<link rel="stylesheet" href="(\/assets\/explorer\.css\?v=\w+)">/.exec(page)?.[1];
    const js = /<script src="(\/assets\/explorer\.js\?v=\w+)" defer><\/script>/.exec(page)?.[1];
    const style = await get(css!);
    expect(style.statusCode).toBe(200);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(style.body).toContain('.card{');
    const script = await get(js!);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain('navigator.clipboard');
    expect(script.body).not.toMatch(/\bimport\b|\brequire\(/);
    // The policy forbids inline styles and scripts, so the pages must have none; the JSON-LD
    // block is data, not script, and browsers never execute it.
    expect(page).not.toMatch(/<style|\sstyle="/);
    expect(page.match(/<script(?! type="application\/ld\+json")/g)).toHaveLength(1);
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

  it('writes the JSON-LD block into the head when one is given, and none otherwise', () => {
    const jsonLd = { '@context': 'https://schema.org', '@type': 'Dataset', name: 'a </script> b' };
    const home = renderHome(t.app.dataset, 'en', jsonLd);
    const head = home.slice(0, home.indexOf('</head>'));
    const block = /<script type="application\/ld\+json">(.*?)<\/script>/.exec(head)?.[1];
    expect(JSON.parse(block!)).toEqual(jsonLd);
    expect(renderTable(t.app.dataset, 'asylum', 'nl', { publicUrl: 'http://x', jsonLd })).toContain('application/ld+json');
    expect(renderHome(t.app.dataset, 'en')).not.toContain('application/ld+json');
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
