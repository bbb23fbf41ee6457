import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_REPORT, buildTestApp, type TestApp } from '../../helpers/app.js';

interface Figure { table: string; metric: string; procedure: string; year: number; value: number; unit: string }
interface Delta extends Omit<Figure, 'year' | 'value'> {
  from: number; to: number; fromValue: number; toValue: number; change: number; changePercent: number | null;
}

/** Independent re-computation of the contract's arithmetic, with rationals instead of the app's helpers. */
function expectedPercent(change: number, from: number): number {
  const exact = (change / from) * 1000; // tenths of a percent
  const magnitude = Math.floor(Math.abs(exact) + 0.5 + 1e-9);
  return (Math.sign(exact) * magnitude) / 10;
}

describe('GET /v1/deltas', () => {
  let t: TestApp;
  let figures: Figure[];
  let deltas: Delta[];
  beforeAll(async () => {
    t = await buildTestApp({ files: BASE_REPORT() });
    figures = (await request(t.app.server).get('/v1/figures').expect(200)).body.data;
    deltas = (await request(t.app.server).get('/v1/deltas').expect(200)).body.data;
  });
  afterAll(() => t.close());

  it('has one delta for every series with both years, and none where a year is missing', () => {
    const series = new Map<string, Map<number, number>>();
    for (const f of figures) {
      const key = `${f.table}/${f.metric}/${f.procedure}`;
      series.set(key, (series.get(key) ?? new Map()).set(f.year, f.value));
    }
    const expected = [...series.entries()].filter(([, years]) => years.has(2015) && years.has(2016)).map(([k]) => k).sort();
    expect(deltas.map((d) => `${d.table}/${d.metric}/${d.procedure}`).sort()).toEqual(expected);
    expect(deltas.length).toBe(39);
    // TEV/VVR are given for 2016 only, so no delta for them; finance and personnel have one year.
    expect(deltas.some((d) => d.procedure !== 'total')).toBe(false);
    expect(deltas.some((d) => d.table === 'finance' || d.table === 'personnel' || d.table === 'appeals')).toBe(false);
  });

  it('follows the contract arithmetic for every delta', () => {
    for (const d of deltas) {
      const from = figures.find((f) => f.table === d.table && f.metric === d.metric && f.procedure === d.procedure && f.year === d.from)!;
      const to = figures.find((f) => f.table === d.table && f.metric === d.metric && f.procedure === d.procedure && f.year === d.to)!;
      expect([d.from, d.to]).toEqual([2015, 2016]);
      expect(d.fromValue).toBe(from.value);
      expect(d.toValue).toBe(to.value);
      expect(d.unit).toBe(from.unit);
      expect(d.change).toBe(to.value - from.value);
      if (d.unit === 'percent' || from.value === 0) expect(d.changePercent).toBeNull();
      else expect(d.changePercent).toBe(expectedPercent(d.change, from.value));
    }
  });

  it('gives the contract example exactly, and rates in percentage points', () => {
    expect(deltas).toContainEqual(expect.objectContaining({
      table: 'asylum', metric: 'first-applications', procedure: 'total', unit: 'count',
      from: 2015, to: 2016, fromValue: 43090, toValue: 18170, change: -24920, changePercent: -57.8,
    }));
    expect(deltas).toContainEqual(expect.objectContaining({
      table: 'asylum', metric: 'grant-rate', unit: 'percent', fromValue: 70, toValue: 54, change: -16, changePercent: null,
    }));
    expect(deltas).toContainEqual(expect.objectContaining({
      table: 'documents', metric: 'regular-permanent', fromValue: 8550, toValue: 35850, change: 27300, changePercent: 319.3,
    }));
  });

  it('filters by table, metric, procedure, from and to', async () => {
    const res = await request(t.app.server).get('/v1/deltas?table=students,family&metric=grant-rate&from=2015&to=2016&procedure=total').expect(200);
    expect(res.body.data.map((d: Delta) => `${d.table}:${d.change}`)).toEqual(['students:-2', 'family:-3']);
    expect(res.body.meta).toMatchObject({ total: 2, derived: true });
    const none = await request(t.app.server).get('/v1/deltas?from=2016').expect(200);
    expect(none.body.data).toEqual([]);
  });

  it('serves CSV with the same rows', async () => {
    const res = await request(t.app.server).get('/v1/deltas?table=asylum&format=csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines).toHaveLength(1 + deltas.filter((d) => d.table === 'asylum').length);
    expect(lines.some((l) => l.includes('-24920') && l.includes('-57.8'))).toBe(true);
  });
});
