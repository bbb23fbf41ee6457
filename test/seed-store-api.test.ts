import request from 'supertest';
import { describe, expect, it } from 'vitest';
import * as schema from '../src/db/schema.js';
import { buildTestApp, useTestApp } from './helpers/app.js';
import { readSeed } from './helpers/seed.js';

/** The seed file, the SQLite store and the API must tell the same figures. */
describe('seed → store → API', () => {
  const t = useTestApp();
  const seed = readSeed();

  it('stores every seeded figure exactly once, unchanged', () => {
    const rows = t().store.orm.select().from(schema.observations).all();
    expect(rows).toHaveLength(seed.figures.length);
    for (const f of seed.figures) {
      const row = rows.find((r) => r.tableId === f.table && r.metricId === f.metric && r.procedure === f.procedure && r.year === f.year);
      expect(row, `${f.table}/${f.metric}/${f.procedure}/${f.year}`).toBeDefined();
      expect(row!.value).toBe(f.value);
      expect(row!.labelNl).toBe(f.label.nl);
      expect(row!.section).toBe(f.section);
    }
  });

  it('serves every seeded figure from /v1/figures with its value, unit, labels and flags', async () => {
    const res = await request(t().app.server).get('/v1/figures').expect(200);
    expect(res.body.meta.total).toBe(seed.figures.length);
    expect(res.body.data).toHaveLength(seed.figures.length);
    for (const f of seed.figures) {
      const served = res.body.data.find(
        (o: { table: string; metric: string; procedure: string; year: number }) =>
          o.table === f.table && o.metric === f.metric && o.procedure === f.procedure && o.year === f.year,
      );
      expect(served, `${f.table}/${f.metric}/${f.procedure}/${f.year}`).toBeDefined();
      expect(served.value).toBe(f.value);
      expect(typeof served.value).toBe('number');
      expect(served.unit).toBe(f.unit);
      expect(served.label).toEqual(f.label);
      expect(served.approximate).toBe(f.approximate);
      expect(served.revisedValue).toBe(f.revisedValue ?? null);
      expect(served.source.section).toBe(f.section);
      expect(served.footnotes.map((n: { id: string }) => n.id)).toEqual(f.footnotes ?? []);
    }
  });

  it('holds over a hundred table figures, both years, every TEV/VVR split', () => {
    const tableFigures = seed.figures.filter((f) => !f.inText);
    expect(tableFigures.length).toBeGreaterThan(100);
    expect(new Set(seed.figures.map((f) => f.table)).size).toBe(15);
    expect(seed.figures.filter((f) => f.procedure !== 'total')).toHaveLength(24);
  });

  it('serves every seeded ranking with its ISO code', async () => {
    const res = await request(t().app.server).get('/v1/nationalities').expect(200);
    const expected = seed.rankings.flatMap((r) => r.ranks.map((k) => ({ table: r.table, year: r.year, rank: k.rank, country: k.country, label: k.label })));
    expect(res.body.data.map((r: Record<string, unknown>) => ({ table: r.table, year: r.year, rank: r.rank, country: r.country, label: r.label })))
      .toEqual(expect.arrayContaining(expected));
    expect(res.body.data).toHaveLength(expected.length);
  });
});
