import { drizzle } from 'drizzle-orm/better-sqlite3';
import JSONstat from 'jsonstat-toolkit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../src/db/schema.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

const PUBLIC_URL = 'https://data.example.org/ind';

/** JSON-stat output read back by the JSON-stat Toolkit, compared with the rows of the SQLite store. */
describe('JSON-stat 2.0', () => {
  let t: TestApp;
  let rows: (typeof schema.observations.$inferSelect)[];
  beforeAll(async () => {
    t = await buildTestApp({ env: { PUBLIC_URL } });
    rows = drizzle(t.store.sqlite).select().from(schema.observations).all();
  });
  afterAll(() => t.close());

  it('gives every figure of every table exactly as served, and null for every cell no release gives', async () => {
    const served = new Map<string, number>();
    for (const o of (await request(t.app.server).get('/v1/figures?limit=10000').expect(200)).body.data) {
      served.set(`${o.table}/${o.metric}/${o.procedure}/${o.year}`, o.value);
    }
    const tables = (await request(t.app.server).get('/v1/tables').expect(200)).body.data as { id: string }[];
    let seen = 0;
    for (const { id } of tables) {
      const res = await request(t.app.server).get(`/v1/tables/${id}?format=json-stat`).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const ds = JSONstat(res.body);
      expect(ds.class).toBe('dataset');
      expect(ds.id).toEqual(['metric', 'procedure', 'year']);
      expect(ds.role.time).toEqual(['year']);
      expect(ds.role.metric).toEqual(['metric']);
      const metrics: string[] = ds.Dimension('metric').id;
      const procedures: string[] = ds.Dimension('procedure').id;
      const years: string[] = ds.Dimension('year').id;
      for (const metric of metrics) {
        for (const procedure of procedures) {
          for (const year of years) {
            const cell = ds.Data({ metric, procedure, year });
            const key = `${id}/${metric}/${procedure}/${year}`;
            const stored = rows.some((r) => r.tableId === id && r.metricId === metric && r.procedure === procedure && r.year === Number(year));
            if (!stored) {
              expect(cell.value, key).toBeNull();
            } else {
              seen++;
              expect(cell.value, key).toBe(served.get(key));
            }
          }
        }
      }
    }
    expect(seen).toBe(served.size);
  });

  it('marks the revised asylum figure and approximate figures through status', async () => {
    const asylum = JSONstat((await request(t.app.server).get('/v1/tables/asylum?format=json-stat').expect(200)).body);
    const revised = asylum.Data({ metric: 'first-applications', procedure: 'total', year: '2016' });
    expect(revised).toEqual({ value: 18171, status: 'r' });
    const index = asylum.value.indexOf(18171);
    expect(asylum.extension.revised[String(index)]).toBe(18250);
    expect(asylum.Data({ metric: 'first-applications', procedure: 'total', year: '2015' }).status).toBeNull();

    const approximate = rows.filter((r) => r.precision === 'approximate');
    expect(approximate.length).toBeGreaterThan(0);
    for (const r of approximate) {
      const ds = JSONstat((await request(t.app.server).get(`/v1/tables/${r.tableId}?format=json-stat`).expect(200)).body);
      expect(ds.Data({ metric: r.metricId, procedure: r.procedure, year: String(r.year) })).toEqual({ value: r.value, status: 'a' });
    }
  });

  it('carries units with decimals, footnotes as notes, labels in the asked language, source and updated', async () => {
    const en = JSONstat((await request(t.app.server).get('/v1/tables/finance?format=json-stat').expect(200)).body);
    const income = en.Dimension('metric').Category('income');
    expect(income.label).toBe('Income');
    // The ministry's accounts give income to the thousand euro: three decimals in millions.
    expect(income.unit).toMatchObject({ label: 'million euro', decimals: 3 });
    expect(en.source).toContain('Annual Report 2016');
    expect(en.source).toContain('CC0');
    expect(Number.isNaN(Date.parse(en.updated))).toBe(false);
    expect(en.extension.license.url).toBe('https://creativecommons.org/publicdomain/zero/1.0/');

    const nl = JSONstat((await request(t.app.server).get('/v1/tables/asylum?format=json-stat&lang=nl').expect(200)).body);
    const first = nl.Dimension('metric').Category('first-applications');
    expect(first.label).toBe('Eerste aanvragen asiel');
    expect(first.note[0]).toContain('18.250');
    expect(nl.Dimension('year').label).toBe('Jaar');
    expect(nl.href).toBe(`${PUBLIC_URL}/v1/tables/asylum?format=json-stat&lang=nl`);
  });

  it('links every table from a JSON-stat collection at /v1/tables?format=json-stat', async () => {
    const res = await request(t.app.server).get('/v1/tables?format=json-stat').expect(200);
    const collection = JSONstat(res.body);
    expect(collection.class).toBe('collection');
    const tables = (await request(t.app.server).get('/v1/tables').expect(200)).body.data as { id: string }[];
    expect(collection.length).toBe(tables.length);
    const items = collection.Item({ class: 'dataset' }) as { href: string }[];
    expect(items.map((i) => i.href)).toEqual(tables.map((tb) => `${PUBLIC_URL}/v1/tables/${tb.id}?format=json-stat&lang=en`));
  });

  it('rejects an unknown format or language with a 400 problem', async () => {
    for (const url of ['/v1/tables/asylum?format=xml', '/v1/tables/asylum?format=json-stat&lang=de', '/v1/tables?format=csv']) {
      const res = await request(t.app.server).get(url).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});
