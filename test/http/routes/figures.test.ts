import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { BASE_REPORT, useTestApp } from '../../helpers/app.js';

describe('GET /v1/figures', () => {
  const t = useTestApp({ files: BASE_REPORT() });

  it('combines comma-separated filters with AND', async () => {
    const res = await request(t().app.server).get('/v1/figures?table=family,students&metric=applications&procedure=tev,vvr&year=2016').expect(200);
    expect(res.body.data.map((o: { table: string; procedure: string; value: number }) => `${o.table}/${o.procedure}=${o.value}`).sort())
      .toEqual(['family/tev=25900', 'family/vvr=10940', 'students/tev=11770', 'students/vvr=4390']);
    const money = await request(t().app.server).get('/v1/figures?unit=eur-million').expect(200);
    expect(money.body.data.map((o: { metric: string; value: number; approximate: boolean }) => [o.metric, o.value, o.approximate]))
      .toEqual([['income', 450.2, false], ['expenses', 444, false], ['result', 6.7, true], ['personnel-costs', 275.1, false]]);
  });

  it('serves the contract example observation', async () => {
    const res = await request(t().app.server).get('/v1/figures?table=asylum&metric=first-applications&year=2016').expect(200);
    expect(res.body.data).toEqual([expect.objectContaining({
      table: 'asylum', metric: 'first-applications', procedure: 'total', year: 2016, value: 18170, unit: 'count',
      label: { nl: 'Eerste aanvragen asiel', en: 'First asylum applications' }, approximate: false, revisedValue: 18250,
      footnotes: [expect.objectContaining({ id: 'asylum-first-applications', nl: expect.any(String), en: expect.any(String) })],
    })]);
  });

  it('pages with limit and offset and links the next page', async () => {
    const first = await request(t().app.server).get('/v1/figures?limit=50').expect(200);
    expect(first.body.data).toHaveLength(50);
    expect(first.body.meta).toMatchObject({ total: 112, count: 50, limit: 50, offset: 0, next: '/v1/figures?limit=50&offset=50' });
    expect(first.headers.link).toContain('</v1/figures?limit=50&offset=50>; rel="next"');
    const last = await request(t().app.server).get('/v1/figures?limit=50&offset=100').expect(200);
    expect(last.body.data).toHaveLength(12);
    expect(last.body.meta.next).toBeNull();
    expect(last.headers.link ?? '').not.toContain('rel="next"');
    const all = await request(t().app.server).get('/v1/figures').expect(200);
    expect([...first.body.data, ...(await request(t().app.server).get('/v1/figures?limit=50&offset=50')).body.data, ...last.body.data])
      .toEqual(all.body.data);
  });

  it('serves CSV on ?format=csv and on Accept: text/csv, with the same figures as JSON', async () => {
    const json = await request(t().app.server).get('/v1/figures?table=finance').expect(200);
    for (const res of [
      await request(t().app.server).get('/v1/figures?table=finance&format=csv').expect(200),
      await request(t().app.server).get('/v1/figures?table=finance').set('Accept', 'text/csv').expect(200),
    ]) {
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const [header, ...rows] = res.text.trim().split('\r\n');
      const valueAt = header!.split(',').indexOf('value');
      expect(rows.map((r) => Number(r.split(',')[valueAt]))).toEqual(json.body.data.map((o: { value: number }) => o.value));
    }
  });

  it('prefers JSON when the client ranks it above CSV', async () => {
    const res = await request(t().app.server).get('/v1/figures?table=finance').set('Accept', 'application/json, text/csv;q=0.5').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('announces the other format with Link rel=alternate', async () => {
    const res = await request(t().app.server).get('/v1/figures?table=asylum').expect(200);
    expect(res.headers.link).toContain('</v1/figures?table=asylum&format=csv>; rel="alternate"; type="text/csv"');
  });
});
