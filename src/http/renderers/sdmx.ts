import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sdmxCsv } from '../../sdmx/csv-data.js';
import type { DataMessage } from '../../sdmx/data-query.js';
import { sdmxJsonData1, type StructureLinks } from '../../sdmx/json-data-1.js';
import { sdmxJsonData2 } from '../../sdmx/json-data-2.js';
import { sdmxJsonStructure2 } from '../../sdmx/json-structure-2.js';
import type { Labels } from '../../sdmx/labels.js';
import type { HeaderInfo } from '../../sdmx/ml-common.js';
import { genericData, structureSpecificData } from '../../sdmx/ml-data.js';
import { structureMessage } from '../../sdmx/ml-structure.js';
import type { Artefact } from '../../sdmx/model.js';
import type { StructureSelection } from '../../sdmx/structure-query.js';
import { COMMON_RESPONSES, ProblemSchema } from '../schemas/common.js';
import { STANDARDS } from './standards.js';
import { jsonRenderer } from './json.js';
import type { Renderer } from './types.js';

/** A data query's answer, shaped already; each SDMX data format writes it its own way. */
export interface SdmxDataResource {
  message: DataMessage;
  header: HeaderInfo;
  labels: Labels;
  links: StructureLinks;
}

export interface SdmxStructureResource {
  selection: StructureSelection;
  header: HeaderInfo;
  /** Where the full artefact is, for stubs. */
  structureUrl: (a: Artefact) => string;
}

declare module './types.js' {
  interface ResourceKinds {
    /** SDMX RESTful web services 1.5.0 (SDMX 2.1) data query. */
    'sdmx21-data': SdmxDataResource;
    /** SDMX 2.1 structure query. */
    'sdmx21-structure': SdmxStructureResource;
    /** SDMX 2.1 schema query: the XML schema of structure-specific data. */
    'sdmx21-schema': { xsd: string };
    /** SDMX REST API 2.x (SDMX 3) data query. */
    'sdmx3-data': SdmxDataResource;
    /** SDMX 3 structure query. */
    'sdmx3-structure': SdmxStructureResource;
  }
}

const XmlSchema = z.string().describe('An SDMX-ML 2.1 message');
const CsvSchema = z.string().describe('SDMX-CSV: a header row of component ids, then one row per observation');
const JsonSchema = z.looseObject({}).describe('An SDMX-JSON message');

/** SDMX media types carry their version as a parameter and are sent exactly as negotiated. */
const sdmx = (mediaType: string) => ({ mediaType, contentType: mediaType });
/** As a buffer, so that the media type goes out as it is: SDMX clients compare it character by character. */
const json = (message: object) => Buffer.from(JSON.stringify(message));

export const sdmxGenericDataRenderer: Renderer = {
  id: 'genericdata',
  name: 'genericdata',
  ...sdmx('application/vnd.sdmx.genericdata+xml;version=2.1'),
  // SDMX REST: a data query asking for plain XML gets generic data.
  alsoAccepts: ['application/xml', 'text/xml'],
  extension: 'xml',
  title: 'SDMX-ML 2.1 Generic Data',
  conformsTo: [STANDARDS.sdmxMl21],
  euFileType: 'XML',
  renders: { 'sdmx21-data': { schema: XmlSchema, serialize: (d) => genericData(d.message, d.header), distribution: { nl: 'De tabel als SDMX 2.1-dataflow, SDMX-ML Generic Data; sleutels, perioden en opties zoals SDMX REST 1.5.0 ze kent.', en: 'The table as an SDMX 2.1 dataflow in SDMX-ML Generic Data; keys, periods and options as SDMX REST 1.5.0 defines them.' } } },
};

export const sdmxStructureSpecificDataRenderer: Renderer = {
  id: 'structurespecificdata',
  name: 'structurespecificdata',
  ...sdmx('application/vnd.sdmx.structurespecificdata+xml;version=2.1'),
  extension: 'xml',
  title: 'SDMX-ML 2.1 Structure Specific Data',
  conformsTo: [STANDARDS.sdmxMl21],
  euFileType: 'XML',
  renders: { 'sdmx21-data': { schema: XmlSchema, serialize: (d) => structureSpecificData(d.message, d.header), distribution: { nl: 'De tabel als SDMX 2.1-dataflow, SDMX-ML Structure Specific Data.', en: 'The table as an SDMX 2.1 dataflow in SDMX-ML Structure Specific Data.' } } },
};

export const sdmxJsonData1Renderer: Renderer = {
  id: 'jsondata',
  name: 'jsondata',
  ...sdmx('application/vnd.sdmx.data+json;version=1.0.0'),
  alsoAccepts: ['application/json'],
  extension: 'json',
  title: 'SDMX-JSON 1.0 data',
  conformsTo: [STANDARDS.sdmxJson1],
  euFileType: 'JSON',
  renders: { 'sdmx21-data': { schema: JsonSchema, serialize: (d) => json(sdmxJsonData1(d.message, d.header, d.labels, d.links)), distribution: { nl: 'De tabel als SDMX 2.1-dataflow in SDMX-JSON 1.0.', en: 'The table as an SDMX 2.1 dataflow in SDMX-JSON 1.0.' } } },
};

// The defaults of SDMX-CSV's media type parameters, which a client may also spell out.
const csvDefaults = (type: string) => [`${type};labels=id`, `${type};timeFormat=original`, `${type};labels=id;timeFormat=original`];

export const sdmxCsv1Renderer: Renderer = {
  id: 'csvdata',
  name: 'csvdata',
  ...sdmx('application/vnd.sdmx.data+csv;version=1.0.0'),
  alsoAccepts: [...csvDefaults('application/vnd.sdmx.data+csv;version=1.0.0'), 'text/csv'],
  extension: 'csv',
  title: 'SDMX-CSV 1.0',
  attachment: false,
  conformsTo: [STANDARDS.sdmxCsv1],
  euFileType: 'CSV',
  renders: { 'sdmx21-data': { schema: CsvSchema, serialize: (d) => sdmxCsv(d.message, 1), distribution: { nl: 'De tabel als SDMX 2.1-dataflow in SDMX-CSV 1.0: één rij per cijfer.', en: 'The table as an SDMX 2.1 dataflow in SDMX-CSV 1.0: one row per figure.' } } },
};

export const sdmxStructureRenderer: Renderer = {
  id: 'sdmx-ml',
  name: 'sdmx-ml',
  ...sdmx('application/vnd.sdmx.structure+xml;version=2.1'),
  alsoAccepts: ['application/xml', 'text/xml'],
  extension: 'xml',
  title: 'SDMX-ML 2.1 Structure',
  conformsTo: [STANDARDS.sdmxMl21],
  euFileType: 'XML',
  renders: { 'sdmx21-structure': { schema: XmlSchema, serialize: (d) => structureMessage(d.selection, d.header, d.structureUrl) } },
};

export const sdmxSchemaRenderer: Renderer = {
  id: 'xsd',
  name: 'xsd',
  ...sdmx('application/vnd.sdmx.schema+xml;version=2.1'),
  alsoAccepts: ['application/xml', 'text/xml'],
  extension: 'xsd',
  title: 'XML schema of SDMX-ML 2.1 structure-specific data',
  conformsTo: [STANDARDS.sdmxMl21],
  euFileType: 'XML',
  renders: { 'sdmx21-schema': { schema: z.string().describe('An XML schema'), serialize: (d) => d.xsd } },
};

export const sdmxJsonData2Renderer: Renderer = {
  id: 'sdmx3-jsondata',
  name: 'jsondata',
  ...sdmx('application/vnd.sdmx.data+json;version=2.1.0'),
  alsoAccepts: ['application/json'],
  extension: 'json',
  title: 'SDMX-JSON 2.1 data',
  conformsTo: [STANDARDS.sdmxJson2],
  euFileType: 'JSON',
  renders: { 'sdmx3-data': { schema: JsonSchema, serialize: (d) => json(sdmxJsonData2(d.message, d.header, d.labels, d.links)), distribution: { nl: 'De tabel als SDMX 3-dataflow in SDMX-JSON 2.1, met filters c[...] zoals SDMX REST 2.x ze kent.', en: 'The table as an SDMX 3 dataflow in SDMX-JSON 2.1, with c[...] filters as SDMX REST 2.x defines them.' } } },
};

export const sdmxCsv2Renderer: Renderer = {
  id: 'sdmx3-csvdata',
  name: 'csvdata',
  ...sdmx('application/vnd.sdmx.data+csv;version=2.1.0'),
  alsoAccepts: [...csvDefaults('application/vnd.sdmx.data+csv;version=2.1.0'), 'text/csv'],
  extension: 'csv',
  title: 'SDMX-CSV 2.1',
  conformsTo: [STANDARDS.sdmxCsv2],
  euFileType: 'CSV',
  renders: { 'sdmx3-data': { schema: CsvSchema, serialize: (d) => sdmxCsv(d.message, 2), distribution: { nl: 'De tabel als SDMX 3-dataflow in SDMX-CSV 2.1.', en: 'The table as an SDMX 3 dataflow in SDMX-CSV 2.1.' } } },
};

export const sdmxJsonStructure2Renderer: Renderer = {
  id: 'sdmx-json',
  name: 'sdmx-json',
  ...sdmx('application/vnd.sdmx.structure+json;version=2.1.0'),
  alsoAccepts: ['application/json'],
  extension: 'json',
  title: 'SDMX-JSON 2.1 structure',
  conformsTo: [STANDARDS.sdmxJson2],
  euFileType: 'JSON',
  renders: { 'sdmx3-structure': { schema: JsonSchema, serialize: (d) => json(sdmxJsonStructure2(d.selection, d.header, d.structureUrl)) } },
};

/** Every SDMX representation, in the order of preference of the SDMX REST specifications. */
export const SDMX_RENDERERS: readonly Renderer[] = [
  sdmxGenericDataRenderer,
  sdmxStructureSpecificDataRenderer,
  sdmxJsonData1Renderer,
  sdmxCsv1Renderer,
  sdmxStructureRenderer,
  sdmxSchemaRenderer,
  sdmxJsonData2Renderer,
  sdmxCsv2Renderer,
  sdmxJsonStructure2Renderer,
];

/** SDMX-ML Error messages go to clients that prefer XML; the others get problem+json. */
const SDMX_ERROR_MEDIA_TYPE = 'application/xml';
export const SDMX_ERROR_CONTENT_TYPE = `${SDMX_ERROR_MEDIA_TYPE}; charset=utf-8`;

const errorAnswer = (description: string) => ({
  description,
  content: {
    'application/problem+json': { schema: ProblemSchema },
    [SDMX_ERROR_MEDIA_TYPE]: { schema: z.string().describe('SDMX-ML 2.1 Error message with the SDMX error code') },
  },
});

/** The error answers of the SDMX routes, with the SDMX error codes they carry. */
export function sdmxErrorResponses(notFound: string) {
  return {
    ...COMMON_RESPONSES,
    400: errorAnswer('SDMX error 140 (syntax error): a parameter, key or period is malformed.'),
    404: errorAnswer(notFound),
  };
}

const xmlTypes = SDMX_RENDERERS.filter((r) => r.extension === 'xml' || r.extension === 'xsd').flatMap((r) => [r.mediaType, ...(r.alsoAccepts ?? [])]);
const jsonTypes = ['application/problem+json', jsonRenderer.mediaType];

export function prefersXmlErrors(request: FastifyRequest): boolean {
  const best = request.accepts().type([...jsonTypes, ...new Set(xmlTypes)]);
  return typeof best === 'string' && xmlTypes.includes(best);
}
