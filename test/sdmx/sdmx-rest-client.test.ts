import sdmxrest from 'sdmx-rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

interface Figure {
  table: string;
  metric: string;
  procedure: string;
  year: number;
  value: number;
}

interface JsonData1 {
  data: {
    structure: { dimensions: Record<'series' | 'observation', { id: string; keyPosition: number; values: { id: string }[] }[]> };
    dataSets: { series: Record<string, { observations: Record<string, [number, ...unknown[]]> }> }[];
  };
}

/** Reads an SDMX-JSON 1.0 time-series message back into (metric, procedure, year, value). */
function observationsOf(message: JsonData1): { codes: Record<string, string>; value: number }[] {
  const { series: seriesDims, observation: obsDims } = message.data.structure.dimensions;
  return Object.entries(message.data.dataSets[0]!.series).flatMap(([seriesKey, s]) => {
    const seriesCodes = Object.fromEntries(seriesKey.split(':').map((i, p) => [seriesDims[p]!.id, seriesDims[p]!.values[Number(i)]!.id]));
    return Object.entries(s.observations).map(([obsKey, [value]]) => ({
      codes: { ...seriesCodes, ...Object.fromEntries(obsKey.split(':').map((i, p) => [obsDims[p]!.id, obsDims[p]!.values[Number(i)]!.id])) },
      value,
    }));
  });
}

/**
 * A real SDMX client: sdmx-rest builds the URLs from queries, sends the Accept header of the
 * format asked for, and checks status and media type of each answer as it does against any
 * SDMX service.
 */
describe('the sdmx-rest client reads the service', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => t.close());

  const service = (format: string, structureFormat = sdmxrest.metadata.MetadataFormat.SDMX_ML_2_1_STRUCTURE) =>
    sdmxrest.getService({ url: `${base}/sdmx/2.1`, api: 'v1.5.0', format, structureFormat });

  async function fetchChecked(query: object, svc: ReturnType<typeof service>, requested: string) {
    const url = sdmxrest.getUrl(query, svc);
    expect(url.startsWith(`${base}/sdmx/2.1/`)).toBe(true);
    const response = await sdmxrest.request2(query, svc);
    sdmxrest.checkStatus(query, response);
    sdmxrest.checkMediaType(requested, response);
    expect(response.headers.get('content-type')).toBe(requested);
    return response.text();
  }

  it('reads the dataflows as SDMX-ML structure, one per table', async () => {
    const format = sdmxrest.metadata.MetadataFormat.SDMX_ML_2_1_STRUCTURE;
    const body = await fetchChecked({ resource: 'dataflow', agency: 'IND' }, service(sdmxrest.data.DataFormat.SDMX_JSON_1_0_0, format), format);
    const tables = (await t.app.inject('/v1/tables')).json().data as { id: string }[];
    expect(body.match(/<str:Dataflow /g)).toHaveLength(tables.length);
  });

  it('reads every observation of every dataflow as SDMX-JSON 1.0, equal to /v1/figures', async () => {
    const format = sdmxrest.data.DataFormat.SDMX_JSON_1_0_0;
    const figures = (await t.app.inject('/v1/figures')).json().data as Figure[];
    const tables = (await t.app.inject('/v1/tables')).json().data as { id: string }[];
    let served = 0;
    for (const table of tables) {
      const flow = table.id.toUpperCase().replace(/-/g, '_');
      const message = JSON.parse(await fetchChecked({ flow }, service(format), format)) as JsonData1;
      for (const o of observationsOf(message)) {
        const match = figures.find(
          (f) =>
            f.table === table.id &&
            f.metric === o.codes.METRIC!.toLowerCase().replace(/_/g, '-') &&
            f.procedure === (o.codes.PROCEDURE ?? 'TOTAL').toLowerCase() &&
            String(f.year) === o.codes.TIME_PERIOD,
        );
        expect(match, `${flow} ${JSON.stringify(o.codes)}`).toBeDefined();
        expect(o.value).toBe(match!.value);
        served += 1;
      }
    }
    expect(served).toBe(figures.length);
  });

  it.each([
    sdmxrest.data.DataFormat.SDMX_ML_2_1_GENERIC,
    sdmxrest.data.DataFormat.SDMX_ML_2_1_STRUCTURE_SPECIFIC,
    sdmxrest.data.DataFormat.SDMX_CSV_1_0_0,
  ])('gets %s when it asks for it, with a key, a period and lastNObs', async (format) => {
    const query = { flow: 'KNOWLEDGE_AND_TALENT', key: 'APPLICATIONS+DECISIONS.TEV', start: '2016', end: '2016', lastNObs: 1 };
    const body = await fetchChecked(query, service(format), format);
    expect(body).toMatch(/9690|9680/);
  });
});
