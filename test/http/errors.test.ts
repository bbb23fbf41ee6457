import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { BASE_REPORT, useTestApp } from '../helpers/app.js';

/** The contract's error behaviour: 404 for unknown tables and metrics, 400 for malformed or unknown parameters. */
describe('error paths', () => {
  const t = useTestApp({ files: BASE_REPORT() });

  const expectProblem = (res: request.Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), type: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
    return res.body as { errors?: { parameter: string; allowed?: string[] }[]; instance: string };
  };

  it.each([
    ['/v1/tables/asylun', 'table'],
    ['/v1/tables/asylun/breakdown', 'table'],
    ['/v1/figures?table=asylun', 'table'],
    ['/v1/figures?table=asylum,nope', 'table'],
    ['/v1/figures?metric=nope', 'metric'],
    ['/v1/figures?table=asylum&metric=visits', 'metric'],
    ['/v1/deltas?table=nope', 'table'],
    ['/v1/deltas?metric=nope', 'metric'],
    ['/v1/nationalities?table=nope', 'table'],
    ['/v1/checks?table=nope', 'table'],
  ])('%s is 404 naming %s and the allowed ids', async (url, parameter) => {
    const body = expectProblem(await request(t().app.server).get(url), 404);
    const error = body.errors?.find((e) => e.parameter === parameter);
    expect(error?.allowed?.length).toBeGreaterThan(0);
  });

  it.each([
    ['/v1/figures?year=abc', 'year'],
    ['/v1/figures?year=16', 'year'],
    ['/v1/figures?procedure=abroad', 'procedure'],
    ['/v1/figures?unit=euro', 'unit'],
    ['/v1/figures?limit=0', 'limit'],
    ['/v1/figures?limit=10001', 'limit'],
    ['/v1/figures?limit=abc', 'limit'],
    ['/v1/figures?offset=-1', 'offset'],
    ['/v1/figures?offset=', 'offset'],
    ['/v1/figures?limit=1e3', 'limit'],
    ['/v1/figures?limit=0x10', 'limit'],
    ['/v1/figures?limit=%2B5', 'limit'],
    ['/v1/nationalities?year=16', 'year'],
    ['/v1/figures?format=xml', 'format'],
    ['/v1/figures?lang=de', 'lang'],
    ['/v1/figures?table=', 'table'],
    ['/v1/figures?bogus=1', 'bogus'],
    ['/v1/figures?year=2016&year=2015', 'year'],
    ['/v1/deltas?from=20x6', 'from'],
    ['/v1/tables?x=1', 'x'],
    ['/v1/tables/asylum?format=pdf', 'format'],
    ['/v1/checks?holds=maybe', 'holds'],
    ['/health?verbose=1', 'verbose'],
    ['/openapi.json?x=1', 'x'],
  ])('%s is 400 naming %s', async (url, parameter) => {
    const body = expectProblem(await request(t().app.server).get(url), 400);
    expect(body.errors?.map((e) => e.parameter)).toContain(parameter);
    expect(body.instance).toBe(url.split('?')[0]);
  });

  it('names the allowed years and ranges where a number is malformed', async () => {
    const year = expectProblem(await request(t().app.server).get('/v1/figures?year=x'), 400);
    expect(year.errors?.[0]?.allowed).toEqual(['2015', '2016']);
    const limit = expectProblem(await request(t().app.server).get('/v1/deltas?limit=1e3'), 400);
    expect(limit.errors?.[0]).toMatchObject({ parameter: 'limit', message: 'a whole number from 1 to 10000', allowed: ['1…10000'] });
  });

  it('lists the allowed values of an enumerated parameter', async () => {
    const res = await request(t().app.server).get('/v1/figures?procedure=abroad');
    const body = expectProblem(res, 400);
    expect(body.errors?.[0]?.allowed).toEqual(['total', 'tev', 'vvr']);
    const unknown = expectProblem(await request(t().app.server).get('/v1/figures?bogus=1'), 400);
    expect(unknown.errors?.[0]?.allowed).toEqual(expect.arrayContaining(['table', 'metric', 'year']));
  });

  it('answers unknown paths with a 404 problem', async () => {
    expectProblem(await request(t().app.server).get('/v2/figures'), 404);
  });

  it('answers a well-formed filter that matches nothing with 200 and empty data', async () => {
    for (const url of ['/v1/figures?year=1999', '/v1/figures?table=asylum&procedure=tev', '/v1/nationalities?table=finance', '/v1/deltas?to=2030']) {
      const res = await request(t().app.server).get(url).expect(200);
      expect(res.body.data, url).toEqual([]);
    }
  });
});

describe('problem types', () => {
  const t = useTestApp();

  it('resolves the type URI of an error to its description', async () => {
    const problem = await request(t().app.server).get('/v1/figures?year=abc').expect(400);
    const path = new URL(problem.body.type).pathname;
    const res = await request(t().app.server).get(path).expect(200);
    expect(res.body).toMatchObject({ type: problem.body.type, status: 400, description: { nl: expect.any(String), en: expect.any(String) } });
    await request(t().app.server).get('/problems/no-such-problem').expect(404);
    await request(t().app.server).get('/problems/constructor').expect(404);
  });

  it('lists one type, title and description for every status the server sends, each resolvable', async () => {
    const list = await request(t().app.server).get('/problems').expect(200);
    const problems = list.body.problems as { type: string; title: string; status: number }[];
    expect(new Set(problems.map((p) => p.status))).toEqual(new Set([400, 404, 405, 406, 408, 413, 414, 415, 416, 417, 429, 431, 500, 503]));
    for (const problem of problems) {
      expect(problem.title).not.toMatch(/^(Client|Server) Error$/);
      const one = await request(t().app.server).get(new URL(problem.type).pathname).expect(200);
      expect(one.body).toEqual(problem);
    }
    expect(problems.find((p) => p.status === 408)).toMatchObject({ title: 'Request Timeout', type: expect.stringMatching(/\/problems\/request-timeout$/) });
  });
});
