import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { formatQuery, RENDERERS, renderersFor, type Renderer, type ResourceKind } from '../../src/http/renderers/index.js';
import { useTestApp } from '../helpers/app.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

/** The representations a kind offers in `Accept`, read from the registry the service uses. */
const offeredTypes = (kind: ResourceKind) => {
  const renderers = renderersFor(kind).filter((r) => !r.layout);
  return [...new Set([...renderers.map((r) => r.mediaType), ...renderers.flatMap((r) => r.alsoAccepts ?? [])])];
};
const named = (kind: ResourceKind, id: string) => renderersFor(kind).find((r) => r.id === id) as Renderer;

describe('content negotiation from the renderer registry', () => {
  const t = useTestApp();
  const get = (url: string, accept?: string) => {
    const req = request(t().app.server).get(url);
    return accept === undefined ? req : req.set('Accept', accept);
  };

  it('follows q-values: the highest-ranked offered type wins, whatever the order', async () => {
    const csv = await get('/v1/figures?table=finance', 'application/json;q=0.4, text/csv;q=0.9').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const json = await get('/v1/figures?table=finance', 'text/csv;q=0.2, application/json').expect(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const metadata = await get('/v1/tables/asylum', 'application/csvm+json, text/csv;q=0.5').expect(200);
    expect(metadata.headers['content-type']).toMatch(/^application\/csvm\+json/);
    const turtle = await get('/v1/catalog', 'application/ld+json;q=0.1, text/turtle').expect(200);
    expect(turtle.headers['content-type']).toMatch(/^text\/turtle/);
    for (const res of [csv, json, metadata, turtle]) expect(res.headers.vary).toMatch(/\bAccept\b/);
  });

  it('lets ?format= win over Accept', async () => {
    const res = await get('/v1/figures?table=finance&format=json', 'text/csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.data.length).toBeGreaterThan(0);
    const csv = await get('/v1/tables/finance?format=csv', 'application/json').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    // Even an Accept that allows nothing offered does not matter once the format is named.
    const named = await get('/v1/tables/finance?format=json-stat', 'image/png').expect(200);
    expect(named.body.class).toBe('dataset');
  });

  it('answers browsers, wildcards and clients without Accept with the default', async () => {
    for (const accept of [BROWSER_ACCEPT, '*/*', 'application/*', 'garbage;;;', undefined]) {
      const res = await get('/v1/tables/asylum', accept).expect(200);
      expect(res.headers['content-type'], String(accept)).toBe('application/json; charset=utf-8');
      expect(res.body.id).toBe('asylum');
    }
    const catalog = await get('/v1/catalog', BROWSER_ACCEPT).expect(200);
    expect(catalog.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    const plainJson = await get('/v1/catalog', 'application/json').expect(200);
    expect(plainJson.headers['content-type']).toBe('application/ld+json; charset=utf-8');
  });

  it('answers 406 with a problem listing the offered media types when nothing acceptable is offered', async () => {
    const cases: [string, ResourceKind][] = [
      ['/v1/figures', 'figure-list'],
      ['/v1/tables/asylum', 'table'],
      ['/v1/tables', 'table-list'],
      ['/v1/catalog', 'catalog'],
    ];
    for (const [url, kind] of cases) {
      const res = await get(url, 'application/xml, text/html;q=0.9').expect(406);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers.vary).toMatch(/\bAccept\b/);
      expect(res.body).toMatchObject({ status: 406, title: 'Not Acceptable' });
      expect(res.body.errors).toEqual([expect.objectContaining({ parameter: 'Accept', allowed: offeredTypes(kind) })]);
      for (const type of offeredTypes(kind)) expect(res.body.detail).toContain(type);
    }
    // A type offered elsewhere but not for this resource is not acceptable either.
    await get('/v1/tables', 'text/csv').expect(406);
  });

  it('keeps an unknown ?format= a 400 naming the parameter and the formats offered', async () => {
    const res = await get('/v1/figures?format=xlsx').expect(400);
    expect(res.body.errors[0]).toMatchObject({ parameter: 'format' });
    expect(res.body.errors[0].allowed).toEqual([...new Set(renderersFor('figure-list').map((r) => r.name))]);
  });

  it('announces every other representation of the registry as Link rel=alternate, and the CSVW as describedby', async () => {
    const url = '/v1/tables/asylum?lang=nl';
    const json = await get(url).expect(200);
    const links = String(json.headers.link);
    for (const r of renderersFor('table')) {
      const href = r === renderersFor('table')[0] ? url : `/v1/tables/asylum?lang=nl&${formatQuery(r).slice(1)}`;
      const link = `<${href}>; rel="alternate"; type="${r.mediaType}"`;
      if (r.describes || r === renderersFor('table')[0]) expect(links).not.toContain(link);
      else expect(links).toContain(link);
    }
    const csv = await get(`${url}&format=csv`).expect(200);
    const csvw = named('table', 'csv-metadata');
    expect(String(csv.headers.link)).toContain(`</v1/tables/asylum?lang=nl&format=csv-metadata>; rel="describedby"; type="${csvw.mediaType}"`);
    expect(String(csv.headers.link)).toContain(`</v1/tables/asylum?lang=nl>; rel="alternate"; type="${renderersFor('table')[0]!.mediaType}"`);
    const wide = await get(`${url}&format=csv&layout=wide`).expect(200);
    expect(String(wide.headers.link)).toContain('</v1/tables/asylum?lang=nl&format=csv-metadata&layout=wide>; rel="describedby"');
    const catalog = await get('/v1/catalog').expect(200);
    expect(catalog.headers.link).toBe(`</v1/catalog?format=ttl>; rel="alternate"; type="${named('catalog', 'ttl').mediaType}"`);
  });

  it('documents in OpenAPI the media types and format names the registry offers per route', async () => {
    const doc = (await get('/openapi.json').expect(200)).body as {
      paths: Record<string, { get: { parameters?: { name: string; schema: { enum?: string[] } }[]; responses: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    const routes: [string, ResourceKind][] = [
      ['/v1/tables', 'table-list'],
      ['/v1/tables/{table}', 'table'],
      ['/v1/figures', 'figure-list'],
      ['/v1/deltas', 'delta-list'],
      ['/v1/catalog', 'catalog'],
    ];
    for (const [path, kind] of routes) {
      const op = doc.paths[path]!.get;
      expect(Object.keys(op.responses['200']!.content!), path).toEqual([...new Set(renderersFor(kind).map((r) => r.mediaType))]);
      expect(op.responses['406'], path).toBeDefined();
      expect(op.parameters!.find((p) => p.name === 'format')!.schema.enum, path).toEqual([...new Set(renderersFor(kind).map((r) => r.name))]);
      const layouts = [...new Set(renderersFor(kind).flatMap((r) => (r.layout ? [r.layout] : [])))];
      expect(op.parameters!.find((p) => p.name === 'layout')?.schema.enum ?? [], path).toEqual(layouts);
    }
  });

  it('serves the releases feed by Accept, ?format= and its own path, the same bytes each way', async () => {
    const atom = named('release-list', 'atom');
    const byPath = await get('/v1/releases.atom').expect(200);
    const byAccept = await get('/v1/releases', atom.mediaType).expect(200);
    const byFormat = await get(`/v1/releases${formatQuery(atom)}`).expect(200);
    for (const res of [byPath, byAccept, byFormat]) {
      expect(res.headers['content-type']).toBe(atom.contentType);
      expect(res.text).toContain(`<link rel="self" type="${atom.mediaType}"`);
      expect(res.text).toBe(byPath.text);
    }
  });

  it('lists the registry\'s format names at /v1', async () => {
    const res = await get('/v1').expect(200);
    expect(new Set(res.body.formats)).toEqual(new Set(RENDERERS.map((r) => r.name)));
  });
});

describe('wide CSV: years as columns', () => {
  const t = useTestApp();
  type Row = Record<string, string>;
  const csvOf = async (url: string) => {
    const res = await request(t().app.server).get(url).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    // Integer-like keys come first in a JS object, so the header is read as the CSV orders it.
    const header = (parse(res.text, { to_line: 1 }) as string[][])[0]!;
    return { res, header, rows: parse(res.text, { columns: true }) as Row[] };
  };

  it('has one row per table, metric and procedure and a column per year in the data, each value equal to /v1/figures', async () => {
    const figures = (await request(t().app.server).get('/v1/figures').expect(200)).body.data as {
      table: string; metric: string; procedure: string; year: number; value: number; unit: string;
    }[];
    const { res, header, rows } = await csvOf('/v1/figures?format=csv&layout=wide');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ind-figures-wide.csv"');
    const years = [...new Set(figures.map((f) => f.year))].sort((a, b) => a - b).map(String);
    expect(header.slice(0, 4)).toEqual(['table', 'metric', 'procedure', 'unit']);
    expect(header.slice(4, 4 + years.length)).toEqual(years);
    expect(header).toContain('metric_label');
    const keys = new Set(figures.map((f) => `${f.table}/${f.metric}/${f.procedure}`));
    expect(rows.map((r) => `${r.table}/${r.metric}/${r.procedure}`).sort()).toEqual([...keys].sort());
    let cells = 0;
    for (const row of rows) {
      for (const year of years) {
        const f = figures.find((x) => x.table === row.table && x.metric === row.metric && x.procedure === row.procedure && String(x.year) === year);
        if (f) {
          expect(Number(row[year]), `${row.table}/${row.metric}/${row.procedure}/${year}`).toBe(f.value);
          expect(row.unit).toBe(f.unit);
          cells++;
        } else {
          expect(row[year], `${row.table}/${row.metric}/${row.procedure}/${year} has no figure`).toBe('');
        }
      }
    }
    expect(cells).toBe(figures.length);
  });

  it('follows the filters and the table, and gives Dutch labels with lang=nl', async () => {
    const { rows } = await csvOf('/v1/tables/asylum?format=csv&layout=wide&lang=nl');
    const json = (await request(t().app.server).get('/v1/tables/asylum').expect(200)).body;
    expect(new Set(rows.map((r) => r.metric))).toEqual(new Set(json.figures.map((f: { metric: string }) => f.metric)));
    const first = json.figures[0] as { metric: string; label: { nl: string } };
    expect(rows.find((r) => r.metric === first.metric)!.metric_label).toBe(first.label.nl);
    const filtered = await csvOf('/v1/figures?table=finance&format=csv&layout=wide');
    expect(new Set(filtered.rows.map((r) => r.table))).toEqual(new Set(['finance']));
  });

  it('is described by CSVW metadata whose columns are its header', async () => {
    const { res, header } = await csvOf('/v1/figures?table=asylum&format=csv&layout=wide');
    const href = /<([^>]+)>; rel="describedby"/.exec(String(res.headers.link))?.[1];
    expect(href).toBe('/v1/figures?table=asylum&format=csv-metadata&layout=wide');
    const meta = (await request(t().app.server).get(href!).expect(200)).body;
    expect(meta.tableSchema.columns.map((c: { name: string }) => c.name)).toEqual(header);
    expect(meta.tableSchema.primaryKey).toEqual(['table', 'metric', 'procedure']);
    expect(meta.url).toMatch(/\/v1\/figures\?table=asylum&format=csv&layout=wide$/);
  });

  it('answers a layout without a format that has it with a 400 naming the parameter', async () => {
    for (const url of ['/v1/figures?layout=wide', '/v1/figures?format=json&layout=wide', '/v1/tables/asylum?format=json-stat&layout=wide']) {
      const res = await request(t().app.server).get(url).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors[0].parameter).toBe('layout');
    }
    const unknown = await request(t().app.server).get('/v1/figures?format=csv&layout=tall').expect(400);
    expect(unknown.body.errors[0]).toMatchObject({ parameter: 'layout', allowed: ['wide'] });
    await request(t().app.server).get('/v1/deltas?format=csv&layout=wide').expect(400);
  });
});
