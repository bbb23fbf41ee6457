import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE_REPORT, useTestApp } from '../helpers/app.js';
import { sdmxJsonValidator, standardsPresent } from './standards.js';

const JSON1 = 'application/vnd.sdmx.data+json;version=1.0.0';
const CSV1 = 'application/vnd.sdmx.data+csv;version=1.0.0';

const queries = [
  '/sdmx/2.1/data/ASYLUM',
  '/sdmx/2.1/data/KNOWLEDGE_AND_TALENT/APPLICATIONS+DECISIONS.TEV?dimensionAtObservation=AllDimensions',
  '/sdmx/2.1/data/KNOWLEDGE_AND_TALENT/.VVR?dimensionAtObservation=PROCEDURE',
  '/sdmx/2.1/data/FINANCE?detail=dataonly',
  '/sdmx/2.1/data/FAMILY?detail=serieskeysonly',
  '/sdmx/2.1/data/FAMILY?detail=nodata',
];

describe.skipIf(!standardsPresent)('SDMX-JSON 1.0 data against the official schema', () => {
  // The base report alone: finance income has one figure there.
  const t = useTestApp({ files: BASE_REPORT() });
  let validate: ReturnType<typeof sdmxJsonValidator.data1>;
  beforeAll(() => {
    validate = sdmxJsonValidator.data1();
  });

  it('rejects an invalid message (a sanity check that the validator checks)', () => {
    expect(validate({ data: { dataSets: [{}] } })).toBe(false);
  });

  it.each(queries)('%s is a valid SDMX-JSON 1.0 data message', async (url) => {
    const res = await t().app.inject({ url, headers: { accept: JSON1 } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(JSON1);
    const ok = validate(res.json());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('keeps the value exactly and documents it with unit, multiplier, decimals and status', async () => {
    const res = await t().app.inject({ url: '/sdmx/2.1/data/FINANCE/INCOME', headers: { accept: JSON1 } });
    const { structure, dataSets } = res.json().data;
    const figure = (await t().app.inject('/v1/figures?table=finance&metric=income')).json().data[0];
    const [series] = Object.values(dataSets[0].series) as { attributes: number[]; observations: Record<string, (number | null)[]> }[];
    const [obs] = Object.values(series!.observations);
    expect(obs![0]).toBe(figure.value);
    const attr = (level: 'series' | 'observation', id: string, index: number | null | undefined) =>
      structure.attributes[level].find((a: { id: string }) => a.id === id).values[index!];
    const seriesIds = structure.attributes.series.map((a: { id: string }) => a.id);
    expect(attr('series', 'UNIT_MEASURE', series!.attributes[seriesIds.indexOf('UNIT_MEASURE')]).id).toBe('EUR');
    expect(attr('series', 'UNIT_MULT', series!.attributes[seriesIds.indexOf('UNIT_MULT')]).name).toBe('6');
    expect(attr('series', 'DECIMALS', series!.attributes[seriesIds.indexOf('DECIMALS')]).name).toBe('1');
    const obsIds = structure.attributes.observation.map((a: { id: string }) => a.id);
    const status = figure.approximate ? 'APPROXIMATE' : figure.precision === 'exact' ? 'EXACT' : 'ROUNDED';
    expect(attr('observation', 'OBS_STATUS', obs![1 + obsIds.indexOf('OBS_STATUS')] as number).id).toBe(status);
  });
});

describe('SDMX-CSV 1.0 by its field guide', () => {
  const t = useTestApp();

  it.each(queries)('%s: header, DATAFLOW column, one column per dimension, measure and attribute', async (url) => {
    const res = await t().app.inject({ url, headers: { accept: CSV1 } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(CSV1);
    const rows: string[][] = parse(res.body);
    const [header, ...body] = rows;
    expect(header![0]).toBe('DATAFLOW');
    const flow = /data\/([A-Z_]+)/.exec(url)![1];
    for (const row of body) {
      expect(row).toHaveLength(header!.length);
      expect(row[0]).toBe(`IND:${flow}(1.0)`);
    }
    const dsd = await t().app.inject(`/sdmx/2.1/dataflow/IND/${flow}?references=descendants`);
    const dimensions = [...dsd.body.matchAll(/<str:(?:Dimension|TimeDimension) id="([A-Z_]+)"/g)].map((m) => m[1]);
    expect(header!.slice(1, 1 + dimensions.length)).toEqual(dimensions);
    const withValues = !/serieskeysonly|nodata/.test(url);
    if (withValues) expect(header![1 + dimensions.length]).toBe('OBS_VALUE');
    // Coded columns hold code ids from the structure's codelists.
    const metrics = new Set([...dsd.body.matchAll(/<str:Code id="([A-Z0-9_]+)" urn="[^"]*CL_METRIC[^"]*"/g)].map((m) => m[1]));
    for (const row of body) expect(metrics.has(row[1]!)).toBe(true);
    const statusColumn = header!.indexOf('OBS_STATUS');
    if (withValues && !/dataonly/.test(url)) for (const row of body) expect(['EXACT', 'ROUNDED', 'APPROXIMATE', 'REVISED']).toContain(row[statusColumn]);
  });

  it('plain text/csv gets SDMX-CSV too, and Accept with q-values picks the preferred format', async () => {
    const csv = await t().app.inject({ url: '/sdmx/2.1/data/ASYLUM', headers: { accept: 'text/csv' } });
    expect(csv.headers['content-type']).toBe(CSV1);
    const weighted = await t().app.inject({
      url: '/sdmx/2.1/data/ASYLUM',
      headers: { accept: `application/vnd.sdmx.genericdata+xml;version=2.1;q=0.5, ${CSV1};q=0.9` },
    });
    expect(weighted.headers['content-type']).toBe(CSV1);
    expect(weighted.headers.link).toContain('rel="alternate"');
  });
});
