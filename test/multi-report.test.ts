import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { seedFiles } from '../src/seed/build-database.js';
import { buildTestApp, FIXTURES, useTestApp } from './helpers/app.js';

/** A second (made-up) report is added as data only: later years appear and restated figures keep their history. */
describe('a second report', () => {
  const t = useTestApp({ files: [...seedFiles(), join(FIXTURES, 'ind-2017.yaml')] });

  it('serves a restated 2016 figure from the latest report, with the earlier value in its history', async () => {
    const res = await request(t().app.server).get('/v1/figures?table=asylum&metric=first-applications&year=2016').expect(200);
    expect(res.body.data).toHaveLength(1);
    const [figure] = res.body.data;
    expect(figure.value).toBe(18250);
    expect(figure.source.report).toBe('test-2017');
    expect(figure.history).toEqual([
      { report: 'ind-2016', value: 18170 },
      { report: 'test-2017', value: 18250 },
    ]);
  });

  it('keeps figures the later report does not repeat', async () => {
    const res = await request(t().app.server).get('/v1/figures?table=asylum&metric=first-applications&year=2015').expect(200);
    expect(res.body.data[0]).toMatchObject({ value: 43090, source: { report: 'ind-2016' } });
  });

  it('chains deltas 2015→2016→2017 on the served values', async () => {
    const res = await request(t().app.server).get('/v1/deltas?table=asylum&metric=first-applications').expect(200);
    expect(res.body.data.map((d: { from: number; to: number; fromValue: number; toValue: number; change: number; changePercent: number }) =>
      [d.from, d.to, d.fromValue, d.toValue, d.change, d.changePercent])).toEqual([
      [2015, 2016, 43090, 18250, -24840, -57.6],
      [2016, 2017, 18250, 14720, -3530, -19.3],
    ]);
  });

  it('lists the new year on the table and checks the new breakdown', async () => {
    const table = await request(t().app.server).get('/v1/tables/family').expect(200);
    expect(table.body.years).toEqual([2015, 2016, 2017]);
    const checks = await request(t().app.server).get('/v1/checks?table=family').expect(200);
    expect(checks.body.data.map((c: { id: string }) => c.id)).toContain('family-applications-2017-parts-sum');
    const rankings = await request(t().app.server).get('/v1/nationalities?table=asylum&year=2017').expect(200);
    expect(rankings.body.data).toEqual([expect.objectContaining({ year: 2017, rank: 1, country: 'SY', report: 'test-2017' })]);
  });

  it('leaves the 2016 report alone where a single report is seeded', async () => {
    const single = await buildTestApp();
    try {
      const res = await request(single.app.server).get('/v1/figures?table=asylum&metric=first-applications&year=2016').expect(200);
      expect(res.body.data[0]).toMatchObject({ value: 18170, revisedValue: 18250, history: [{ report: 'ind-2016', value: 18170 }] });
    } finally {
      await single.close();
    }
  });
});
