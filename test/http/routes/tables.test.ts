import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { BASE_REPORT, useTestApp } from '../../helpers/app.js';

const TABLES = {
  asylum: ['first-applications', 'subsequent-applications', 'family-reunification-arrivals', 'grant-rate'],
  'knowledge-and-talent': ['applications', 'decisions', 'grant-rate'],
  'labour-migrants': ['applications', 'decisions', 'grant-rate'],
  students: ['applications', 'decisions', 'grant-rate'],
  family: ['applications', 'decisions', 'grant-rate'],
  naturalisation: ['applications', 'decisions', 'grant-rate'],
  'counter-visits': ['visits', 'residence-documents-issued'],
  telephony: ['incoming-calls', 'emails-per-month', 'phone-reachability'],
  documents: ['regular-fixed-term', 'regular-permanent', 'asylum-fixed-term', 'asylum-permanent', 'w-document', 'w2-document', 'eu-national', 'eu-family-member', 'long-term-resident'],
  'caribbean-netherlands': ['applications-and-requests', 'handled'],
  complaints: ['received', 'handled-on-time'],
  'notices-of-default': ['received', 'handled-on-time', 'penalty-payments'],
  finance: ['income', 'expenses', 'result', 'personnel-costs'],
  personnel: ['staff-fte'],
  appeals: ['new-cases', 'handled-cases', 'asylum-upheld-rate', 'regular-upheld-rate'],
};

describe('tables', () => {
  const t = useTestApp({ files: BASE_REPORT() });

  it('lists the contract\'s 15 tables with their metric ids', async () => {
    const res = await request(t().app.server).get('/v1/tables').expect(200);
    expect(Object.fromEntries(res.body.data.map((d: { id: string; metrics: string[] }) => [d.id, d.metrics]))).toEqual(TABLES);
    const asylum = res.body.data.find((d: { id: string }) => d.id === 'asylum');
    expect(asylum).toMatchObject({ title: { nl: 'Asiel', en: 'Asylum' }, years: [2015, 2016], hasBreakdown: false });
    const family = res.body.data.find((d: { id: string }) => d.id === 'family');
    expect(family).toMatchObject({ procedures: ['total', 'tev', 'vvr'], hasBreakdown: true });
  });

  it('gives one table with metrics, figures, deltas, footnotes and nationalities', async () => {
    const res = await request(t().app.server).get('/v1/tables/asylum').expect(200);
    expect(res.body.metrics.map((m: { id: string }) => m.id)).toEqual(TABLES.asylum);
    expect(res.body.figures).toHaveLength(8);
    expect(res.body.deltas).toHaveLength(4);
    expect(res.body.footnotes.map((f: { marker: string; metric: string }) => [f.marker, f.metric]))
      .toEqual([['*', 'first-applications'], ['**', 'family-reunification-arrivals']]);
    expect(res.body.nationalities.map((n: { country: string }) => n.country)).toEqual(['SY', 'AL', 'ER']);
    expect(res.body.notes.deltas.en).toMatch(/not official/);
    expect(res.body.license).toMatch(/creativecommons/);
  });

  it('serves a table as CSV with a download name', async () => {
    const res = await request(t().app.server).get('/v1/tables/documents?format=csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="ind-documents\.csv"/);
    expect(res.text.trim().split('\r\n')).toHaveLength(1 + 18);
  });

  it('breaks a table down into TEV and VVR beside the total', async () => {
    const res = await request(t().app.server).get('/v1/tables/knowledge-and-talent/breakdown').expect(200);
    const row = (metric: string, year: number) => res.body.data.find((r: { metric: string; year: number }) => r.metric === metric && r.year === year);
    expect(row('applications', 2016)).toMatchObject({ total: 13900, tev: 9690, vvr: 4220, agrees: true });
    expect(row('grant-rate', 2016)).toMatchObject({ total: 93, tev: 98, vvr: 81, agrees: true, check: { expected: 92.84 } });
    expect(row('applications', 2015)).toMatchObject({ total: 12320, tev: null, vvr: null, agrees: null, check: null });
  });

  it('answers a breakdown of a table without one with null parts', async () => {
    const res = await request(t().app.server).get('/v1/tables/asylum/breakdown').expect(200);
    expect(res.body.hasBreakdown).toBe(false);
    expect(res.body.data.every((r: { tev: null; vvr: null; agrees: null }) => r.tev === null && r.vvr === null && r.agrees === null)).toBe(true);
  });

  it('keeps a missing figure absent, never 0', async () => {
    const res = await request(t().app.server).get('/v1/tables/finance').expect(200);
    expect(res.body.figures.every((f: { year: number }) => f.year === 2016)).toBe(true);
    expect(res.body.deltas).toEqual([]);
  });
});

describe('rankings and checks', () => {
  const t = useTestApp({ files: BASE_REPORT() });

  it('gives five top-3 rankings with ISO codes', async () => {
    const res = await request(t().app.server).get('/v1/nationalities').expect(200);
    const byTable = new Map<string, string[]>();
    for (const r of res.body.data) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r.country]);
    expect(Object.fromEntries(byTable)).toEqual({
      asylum: ['SY', 'AL', 'ER'],
      'knowledge-and-talent': ['IN', 'US', 'CN'],
      'labour-migrants': ['CN', 'US', 'JP'],
      students: ['CN', 'US', 'ID'],
      family: ['SY', 'ER', 'IN'],
    });
    const filtered = await request(t().app.server).get('/v1/nationalities?table=students').expect(200);
    expect(filtered.body.data.map((r: { label: { nl: string } }) => r.label.nl)).toEqual(['Chinese', 'Amerikaanse', 'Indonesische']);
  });

  it('lists every identity with expected, actual, tolerance and whether it holds', async () => {
    const res = await request(t().app.server).get('/v1/checks').expect(200);
    const byId = Object.fromEntries(res.body.data.map((c: { id: string }) => [c.id, c]));
    // The report's 14 identities hold; the fifteenth check lists its footnote's closer count, which
    // its printed value cannot be rounded from.
    expect(res.body.data).toHaveLength(15);
    expect(res.body.meta).toEqual({ total: 15, holding: 14, failing: 1 });
    expect(byId['students-applications-2016-parts-sum']).toMatchObject({ expected: 16160, actual: 16170, difference: 10, tolerance: 15, holds: true });
    expect(byId['family-grant-rate-2016-weighted']).toMatchObject({ expected: 78.69, actual: 78, difference: -0.69, tolerance: 1, holds: true });
    expect(byId['finance-result-2016']).toMatchObject({ expected: 6.2, actual: 6.7, difference: 0.5, tolerance: 0.6, holds: true });
    expect(byId['finance-personnel-costs-share']).toMatchObject({ expected: 61.96, actual: 62, holds: true });
    for (const c of res.body.data) expect(Math.abs(c.difference) <= c.tolerance).toBe(c.holds);
    const failing = await request(t().app.server).get('/v1/checks?holds=false').expect(200);
    expect(failing.body.data).toEqual([expect.objectContaining({
      id: 'asylum-first-applications-total-2016-ind-2016-vs-ind-2016-revision',
      kind: 'vintage-agreement', expected: 18170, actual: 18250, difference: 80, tolerance: 5, holds: false, status: 'fails',
    })]);
  });
});
