import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { standardsPresent, structureSpecificValidator, xmllint, xmllintPresent } from './standards.js';

const XML = {
  structure: 'application/vnd.sdmx.structure+xml;version=2.1',
  generic: 'application/vnd.sdmx.genericdata+xml;version=2.1',
  specific: 'application/vnd.sdmx.structurespecificdata+xml;version=2.1',
};

/** Every SDMX-ML message the service writes is checked by SDMX's own XML schemas. */
describe.skipIf(!standardsPresent || !xmllintPresent)('SDMX-ML 2.1 messages against the SDMX-ML 2.1 schemas (xmllint)', () => {
  const t = useTestApp();
  const get = async (url: string, accept: string) => {
    const res = await t().app.inject({ method: 'GET', url, headers: { accept } });
    return res;
  };

  it('rejects an invalid message (a sanity check that the validator checks)', () => {
    expect(xmllint('<message:Structure xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"/>')).toMatch(/fails to validate/);
  });

  const structureQueries = [
    '/sdmx/2.1/structure',
    '/sdmx/2.1/dataflow',
    '/sdmx/2.1/dataflow/IND/all/latest?references=descendants',
    '/sdmx/2.1/dataflow/IND/ASYLUM/1.0?references=all&detail=referencestubs',
    '/sdmx/2.1/datastructure/all/all/all?references=parentsandsiblings&detail=referencecompletestubs',
    '/sdmx/2.1/codelist/IND/CL_METRIC/latest/APPLICATIONS+DECISIONS',
    '/sdmx/2.1/codelist?detail=allstubs',
    '/sdmx/2.1/conceptscheme/IND?references=parents',
    '/sdmx/2.1/agencyscheme/SDMX/AGENCIES/1.0',
  ];
  it.each(structureQueries)('structure %s is valid SDMX-ML', async (url) => {
    const res = await get(url, XML.structure);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XML.structure);
    expect(xmllint(res.body)).toBe('');
  });

  it('each dataflow refers to a structure the datastructure query returns, with its codelists', async () => {
    const res = await get('/sdmx/2.1/dataflow/IND/all/latest?references=descendants', XML.structure);
    const flows = [...res.body.matchAll(/<str:Dataflow id="([A-Z_]+)"/g)].map((m) => m[1]);
    const tables = (await t().app.inject('/v1/tables')).json().data as { id: string }[];
    expect(flows).toEqual(tables.map((table) => table.id.toUpperCase().replace(/-/g, '_')));
    for (const id of ['CL_METRIC', 'CL_PROCEDURE', 'CL_UNIT', 'CL_OBS_STATUS', 'CL_TIME_FORMAT', 'CL_TABLE']) expect(res.body).toContain(`<str:Codelist id="${id}"`);
    expect(res.body).toMatch(/<common:Name xml:lang="nl">Asiel<\/common:Name><common:Name xml:lang="en">Asylum<\/common:Name>/);
  });

  const dataQueries = [
    '/sdmx/2.1/data/ASYLUM',
    '/sdmx/2.1/data/IND,KNOWLEDGE_AND_TALENT,1.0/all/IND',
    '/sdmx/2.1/data/KNOWLEDGE_AND_TALENT/APPLICATIONS+DECISIONS.TEV?dimensionAtObservation=AllDimensions',
    '/sdmx/2.1/data/KNOWLEDGE_AND_TALENT/.VVR?dimensionAtObservation=PROCEDURE',
    '/sdmx/2.1/data/FINANCE/all?detail=dataonly',
    '/sdmx/2.1/data/FAMILY/all?detail=serieskeysonly',
    '/sdmx/2.1/data/FAMILY/all?detail=nodata',
    '/sdmx/2.1/data/STUDENTS/all?lastNObservations=1',
  ];
  it.each(dataQueries)('generic data %s is valid SDMX-ML', async (url) => {
    const res = await get(url, XML.generic);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XML.generic);
    expect(xmllint(res.body)).toBe('');
  });

  it.each(dataQueries)('structure-specific data %s is valid against SDMX-ML and the served schema', async (url) => {
    const res = await get(url, XML.specific);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XML.specific);
    const namespace = /namespace="([^"]+)"/.exec(res.body)![1]!;
    const [, dsd, obsDimension] = /DataStructure=IND:([A-Z_]+)\(1\.0\):ObsLevelDim:([A-Za-z_]+)/.exec(namespace)!;
    const schema = await t().app.inject(`/sdmx/2.1/schema/datastructure/IND/${dsd}/1.0?dimensionAtObservation=${obsDimension}`);
    expect(schema.statusCode).toBe(200);
    expect(xmllint(res.body, structureSpecificValidator(schema.body, namespace))).toBe('');
  });

  it('a structure-specific message breaking its schema is refused (the served schema does type the data)', async () => {
    const res = await get('/sdmx/2.1/data/ASYLUM', XML.specific);
    const namespace = /namespace="([^"]+)"/.exec(res.body)![1]!;
    const schema = await t().app.inject('/sdmx/2.1/schema/dataflow/IND/ASYLUM');
    const broken = res.body.replace('OBS_STATUS=', 'NOT_AN_ATTRIBUTE=');
    expect(xmllint(broken, structureSpecificValidator(schema.body, namespace))).toMatch(/NOT_AN_ATTRIBUTE/);
  });

  const errors: [string, number, string][] = [
    ['/sdmx/2.1/data/ASYLUM/NO_SUCH_METRIC', 404, '100'],
    ['/sdmx/2.1/data/NO_SUCH_FLOW', 404, '100'],
    ['/sdmx/2.1/data/ASYLUM/A.B.C', 400, '140'],
    ['/sdmx/2.1/data/ASYLUM?startPeriod=yesterday', 400, '140'],
    ['/sdmx/2.1/data/ASYLUM?firstNObservations=0', 400, '140'],
    ['/sdmx/2.1/codelist/IND/CL_NOTHING', 404, '100'],
    ['/sdmx/2.1/categoryscheme', 400, '140'],
    ['/sdmx/2.1/data/ASYLUM?includeHistory=true', 400, '140'],
  ];
  it.each(errors)('error %s is an SDMX-ML Error message with status %i and code %s', async (url, status, code) => {
    const res = await get(url, 'application/xml');
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.body).toContain(`<message:ErrorMessage code="${code}">`);
    expect(xmllint(res.body)).toBe('');
  });

  it('a JSON client gets the same errors as problem+json', async () => {
    const res = await get('/sdmx/2.1/data/ASYLUM/NO_SUCH_METRIC', 'application/json');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, detail: expect.stringMatching(/^SDMX error 100/) });
  });
});
