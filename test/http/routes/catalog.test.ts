import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';

const PUBLIC_URL = 'https://data.example.org/ind';
const DCAT = 'http://www.w3.org/ns/dcat#';

type Node = Record<string, unknown> & { '@id': string; '@type': string | string[] };
const types = (n: Node) => ([] as string[]).concat(n['@type'] ?? []);

describe('DCAT-AP catalog, front door and HTML structured data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { PUBLIC_URL } });
  });
  afterAll(() => t.close());

  it('describes every table as a dataset with a distribution per format, from PUBLIC_URL and never the Host header', async () => {
    const flow = (id: string) => id.toUpperCase().replace(/-/g, '_');
    const res = await request(t.app.server).get('/v1/catalog').set('Host', 'evil.example').expect(200);
    expect(res.text).not.toContain('evil.example');
    const doc = JSON.parse(res.text) as { '@context': Record<string, string>; '@graph': Node[] };
    expect(doc['@context'].dcat).toBe(DCAT);
    const byId = new Map(doc['@graph'].map((n) => [n['@id'], n]));
    const tables = (await request(t.app.server).get('/v1/tables').expect(200)).body.data as { id: string }[];
    for (const { id } of tables) {
      const ds = byId.get(`${PUBLIC_URL}/v1/catalog#${id}`);
      expect(ds, id).toBeDefined();
      expect(types(ds!)).toContain('dcat:Dataset');
      const dists = (ds!['dcat:distribution'] as { '@id': string }[]).map((d) => byId.get(d['@id'])!);
      const access = dists.map((d) => (d['dcat:accessURL'] as { '@id': string })['@id']);
      expect(access).toEqual([
        `${PUBLIC_URL}/v1/tables/${id}`,
        `${PUBLIC_URL}/v1/tables/${id}?format=csv`,
        `${PUBLIC_URL}/v1/tables/${id}?format=json-stat`,
        ...['', '?format=structurespecificdata', '?format=jsondata', '?format=csvdata'].map((f) => `${PUBLIC_URL}/sdmx/2.1/data/${flow(id)}${f}`),
        ...['', '?format=csvdata'].map((f) => `${PUBLIC_URL}/sdmx/3/data/dataflow/IND/${flow(id)}/1.0${f}`),
        `${PUBLIC_URL}/v1/download/ind.sqlite`,
      ]);
      for (const d of dists) expect((d['dct:license'] as { '@id': string })['@id']).toBe('http://publications.europa.eu/resource/authority/licence/CC0');
    }
    const all = byId.get(`${PUBLIC_URL}/v1/catalog#all-figures`)!;
    const allAccess = (all['dcat:distribution'] as { '@id': string }[]).map((d) => (byId.get(d['@id'])!['dcat:downloadURL'] as { '@id': string })['@id']);
    expect(allAccess).toContain(`${PUBLIC_URL}/v1/download/figures.csv`);
    expect(allAccess).toContain(`${PUBLIC_URL}/v1/download/ind.sqlite`);
  });

  it('negotiates Turtle by Accept or ?format=ttl, JSON-LD otherwise', async () => {
    const byAccept = await request(t.app.server).get('/v1/catalog').set('Accept', 'text/turtle').expect(200);
    const byParam = await request(t.app.server).get('/v1/catalog?format=ttl').expect(200);
    for (const res of [byAccept, byParam]) {
      expect(res.headers['content-type']).toBe('text/turtle; charset=utf-8');
      expect(res.text).toContain('@prefix dcat: <http://www.w3.org/ns/dcat#>');
    }
    expect(byAccept.text).toBe(byParam.text);
    expect(byAccept.headers.vary).toContain('Accept');
    const ld = await request(t.app.server).get('/v1/catalog').set('Accept', 'application/ld+json, text/turtle;q=0.5').expect(200);
    expect(ld.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    const bad = await request(t.app.server).get('/v1/catalog?format=rdfxml').expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('the front door links the catalog and the downloads and states licence and citation', async () => {
    const res = await request(t.app.server).get('/v1').expect(200);
    const hrefs = Object.values(res.body.links as Record<string, { href: string }>).map((l) => l.href);
    for (const href of ['/v1/catalog', '/v1/download/ind.sqlite', '/v1/download/figures.csv', '/v1/tables?format=json-stat']) {
      expect(hrefs).toContain(href);
      await request(t.app.server).get(href).expect(200);
    }
    expect(res.body.license.id).toBe('CC0-1.0');
    expect(res.body.citation.en).toContain('Annual Report 2016');
    expect(res.body.formats).toEqual(expect.arrayContaining(['json', 'csv', 'json-stat', 'csv-metadata']));
  });

  it('embeds a schema.org Dataset in the /docs page for search engines', async () => {
    const res = await request(t.app.server).get('/docs/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(res.text);
    expect(match).not.toBeNull();
    const data = JSON.parse(match![1]!);
    expect(data['@context']).toBe('https://schema.org');
    expect(data['@type']).toBe('Dataset');
    expect(data.license).toBe('https://creativecommons.org/publicdomain/zero/1.0/');
    expect(data.creator.name).toContain('IND');
    const years = (await request(t.app.server).get('/v1/tables').expect(200)).body.data.flatMap((tb: { years: number[] }) => tb.years);
    expect(data.temporalCoverage).toBe(`${Math.min(...years)}/${Math.max(...years)}`);
    expect(data.spatialCoverage.name).toBe('Netherlands');
    expect(data.variableMeasured.length).toBeGreaterThan(10);
    expect(data.distribution.map((d: { contentUrl: string }) => d.contentUrl)).toContain(`${PUBLIC_URL}/v1/download/ind.sqlite`);
    const tables = (await request(t.app.server).get('/v1/tables').expect(200)).body.data;
    expect(data.hasPart).toHaveLength(tables.length);
    // The UI itself still loads.
    expect(res.text).toContain('swagger-ui-bundle.js');
  });
});
