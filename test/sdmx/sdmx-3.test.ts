import { parse } from 'csv-parse/sync';
import sdmxrest from 'sdmx-rest';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE_REPORT, useTestApp } from '../helpers/app.js';
import { sdmxJsonValidator, standardsPresent } from './standards.js';

const JSON2 = 'application/vnd.sdmx.data+json;version=2.1.0';
const CSV2 = 'application/vnd.sdmx.data+csv;version=2.1.0';
const STRUCTURE2 = 'application/vnd.sdmx.structure+json;version=2.1.0';

/** URLs as a client builds them: sdmx-rest's SDMX 3 (REST API 2.0) queries, made relative to the app. */
const service = sdmxrest.getService({ url: 'http://sdmx.test/sdmx/3', api: 'v2.0.0' });
const url = (query: object) => sdmxrest.getUrl(query, service).replace('http://sdmx.test', '');

describe.skipIf(!standardsPresent)('SDMX 3 messages against the SDMX-JSON 2.1 schemas (JSON Schema 2019-09)', () => {
  const t = useTestApp();
  let v: { data2: ReturnType<typeof sdmxJsonValidator.data2>; structure2: ReturnType<typeof sdmxJsonValidator.structure2> };
  beforeAll(() => {
    v = { data2: sdmxJsonValidator.data2(), structure2: sdmxJsonValidator.structure2() };
  });

  it('rejects invalid messages (a sanity check that the validators check)', () => {
    expect(v.data2({ data: {} })).toBe(false);
    expect(v.structure2({ meta: { id: 'x', prepared: '2016-01-01T00:00:00Z', sender: { id: 'IND' } }, data: { codelists: [{}] } })).toBe(false);
  });

  const dataUrls = [
    url({ context: 'dataflow=IND:ASYLUM(1.0)' }),
    url({ context: 'dataflow=IND:KNOWLEDGE_AND_TALENT(1.0)', key: '*.TEV', obsDimension: 'AllDimensions' }),
    url({ context: 'dataflow=IND:KNOWLEDGE_AND_TALENT(1.0)', filters: ['TIME_PERIOD=ge:2016'], lastNObs: 1 }),
    url({ context: 'dataflow=IND:FINANCE(1.0)', attributes: 'none', measures: 'none' }),
  ];
  it.each(dataUrls)('data %s is valid SDMX-JSON 2.1', async (path) => {
    const res = await t().app.inject({ url: path, headers: { accept: JSON2 } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(JSON2);
    const ok = v.data2(res.json());
    expect(v.data2.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  const structureUrls = [
    url({ resource: 'dataflow', agency: 'IND' }),
    url({ resource: 'dataflow', agency: 'IND', id: 'ASYLUM', references: 'all' }),
    url({ resource: 'datastructure', agency: 'IND', references: 'descendants' }),
    url({ resource: 'codelist', agency: 'IND', id: 'CL_METRIC', item: 'APPLICATIONS' }),
    url({ resource: 'codelist', agency: 'IND', detail: 'allstubs' }),
  ];
  it.each(structureUrls)('structure %s is valid SDMX-JSON 2.1', async (path) => {
    const res = await t().app.inject({ url: path, headers: { accept: STRUCTURE2 } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(STRUCTURE2);
    const ok = v.structure2(res.json());
    expect(v.structure2.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});

describe('SDMX 3 data queries', () => {
  const t = useTestApp({ files: BASE_REPORT() });
  /** Figures in SDMX-CSV 2.1, or the status when there is no body. */
  const count = async (path: string) => {
    const res = await t().app.inject({ url: path, headers: { accept: CSV2 } });
    if (res.statusCode !== 200) return res.statusCode;
    expect(res.headers['content-type']).toBe(CSV2);
    const [header, ...rows] = parse(res.body) as string[][];
    expect(header!.slice(0, 3)).toEqual(['STRUCTURE', 'STRUCTURE_ID', 'ACTION']);
    for (const row of rows) expect(row.slice(0, 3)).toEqual(['dataflow', expect.stringMatching(/^IND:[A-Z_]+\(1\.0\)$/), 'I']);
    return rows.length;
  };
  const flow = 'dataflow=IND:KNOWLEDGE_AND_TALENT(1.0)';

  // KNOWLEDGE_AND_TALENT in the base report (seed/ind-2016.yaml): 2016 has APPLICATIONS, DECISIONS, GRANT_RATE × TOTAL, TEV, VVR (9); 2015 the 3 totals (12 in all).
  it.each([
    ['everything', { context: flow }, 12],
    ['* wildcard', { context: flow, key: '*.TOTAL' }, 6],
    ['short key', { context: flow, key: 'APPLICATIONS' }, 4], // trailing positions left out: TOTAL 2015, 2016, TEV, VVR
    ['c[PROCEDURE] alternatives', { context: flow, filters: ['PROCEDURE=TEV,VVR'] }, 6],
    ['c[TIME_PERIOD] range', { context: flow, filters: ['TIME_PERIOD=ge:2015+le:2015'] }, 3],
    ['c[OBS_VALUE] numeric', { context: flow, filters: ['OBS_VALUE=gt:9000'] }, 6], // 13900, 9690 (appl.), 13900, 9680 (dec.) in 2016; 12320, 12140 in 2015
    ['c[OBS_STATUS]', { context: flow, filters: ['OBS_STATUS=ne:ROUNDED'] }, 204], // every figure here is rounded to tens or whole percents
    ['firstNObservations', { context: flow, firstNObs: 1 }, 9], // one per series
    ['lastNObservations', { context: flow, lastNObs: 1 }, 9],
    ['updatedAfter in the past', { context: flow, updatedAfter: '2000-01-01T00:00:00Z' }, 12],
    ['updatedAfter in the future', { context: flow, updatedAfter: '2100-01-01T00:00:00Z' }, 204],
    ['a period without data', { context: flow, filters: ['TIME_PERIOD=2030'] }, 204],
  ])('%s', async (_name, query, expected) => {
    expect(await count(url(query))).toBe(expected);
  });

  it('an empty result is 204 with no body', async () => {
    const res = await t().app.inject({ url: url({ context: flow, key: 'APPLICATIONS.TEV', filters: ['TIME_PERIOD=2015'] }), headers: { accept: JSON2 } });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
  });

  it('the firstNObs and lastNObs spellings work as well', async () => {
    expect(await count(`/sdmx/3/data/dataflow/IND/KNOWLEDGE_AND_TALENT/1.0/*?lastNObs=1`)).toBe(9);
  });

  it('a malformed query is 400, an unknown dataflow 404', async () => {
    expect(await count(`/sdmx/3/data/dataflow/IND/KNOWLEDGE_AND_TALENT/1.0/*?c[TIME_PERIOD]=soon`)).toBe(400);
    expect(await count(`/sdmx/3/data/dataflow/IND/KNOWLEDGE_AND_TALENT/1.0/*?c[NOTHING]=1`)).toBe(400);
    expect(await count(`/sdmx/3/data/dataflow/IND/KNOWLEDGE_AND_TALENT/1.0/*?unknown=1`)).toBe(400);
    expect(await count(`/sdmx/3/data/dataflow/IND/NO_SUCH_FLOW`)).toBe(404);
  });

  it('a structure query matching nothing is 204', async () => {
    const res = await t().app.inject({ url: url({ resource: 'codelist', agency: 'IND', id: 'CL_NOTHING' }), headers: { accept: STRUCTURE2 } });
    expect(res.statusCode).toBe(204);
  });
});

describe('SDMX 3 data covers every figure of every release', () => {
  const t = useTestApp();

  it('returns every figure of every table, equal to /v1/figures', async () => {
    const tables = (await t().app.inject('/v1/tables')).json().data as { id: string }[];
    for (const table of tables) {
      const id = table.id.toUpperCase().replace(/-/g, '_');
      const figures = (await t().app.inject(`/v1/figures?table=${table.id}`)).json();
      const res = await t().app.inject({ url: url({ context: `dataflow=IND:${id}(1.0)` }), headers: { accept: CSV2 } });
      const [header, ...rows] = parse(res.body) as string[][];
      expect(rows.length, id).toBe(figures.meta.total);
      const values = rows.map((r) => Number(r[header!.indexOf('OBS_VALUE')])).sort((a, b) => a - b);
      expect(values).toEqual(figures.data.map((f: { value: number }) => f.value).sort((a: number, b: number) => a - b));
    }
  });
});
