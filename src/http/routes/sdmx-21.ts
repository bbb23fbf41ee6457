import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_DIMENSIONS, DETAILS, runDataQuery, structureOf } from '../../sdmx/data-query.js';
import { SdmxError } from '../../sdmx/errors.js';
import { AGENCY, AGENCY_SCHEME, SDMX_ROOTS, sdmxId, TIME_DIMENSION, VERSION } from '../../sdmx/ids.js';
import { parseKey } from '../../sdmx/key.js';
import { structureSpecificSchema } from '../../sdmx/ml-schema.js';
import type { Artefact, StructuralModel } from '../../sdmx/model.js';
import { parseInstant, periodSpan } from '../../sdmx/periods.js';
import { REFERENCES, selectStructures, STRUCTURE_DETAILS, STRUCTURE_TYPES } from '../../sdmx/structure-query.js';
import { formatParam, negotiatedResponses, respond } from '../renderers/index.js';
import { sdmxErrorResponses } from '../renderers/sdmx.js';
import { headerFor, operationIdFor, paramsIn, languageOf, PositiveInt, sdmxErrors, sdmxModel } from './sdmx-shared.js';

export const SDMX21 = SDMX_ROOTS.v21;

const NO_RESULTS = 'SDMX error 100 (no results found): nothing matches, which SDMX 2.1 answers with 404.';

const StructureParams = z.object({
  resource: z.enum([...STRUCTURE_TYPES, 'structure']).describe('The kind of structural metadata this service holds'),
  agencyID: z.enum([AGENCY, AGENCY_SCHEME.agency, 'all', '*']).optional().describe(`Maintenance agency: \`${AGENCY}\`, \`${AGENCY_SCHEME.agency}\` for the agency scheme, or \`all\``),
  resourceID: z.string().max(200).optional().describe('Artefact id(s), `+`-separated, or `all`'),
  version: z.enum([VERSION, 'latest', 'all', '*', '~', '+']).optional().describe(`Version: \`${VERSION}\` (every artefact's), \`latest\` or \`all\``),
  itemID: z.string().max(500).optional().describe('For codelists, concept schemes and agency schemes: item id(s), `+`-separated, or `all`'),
});

const StructureQuery21 = z.strictObject({
  references: z.enum(REFERENCES.filter((r) => r !== 'ancestors')).optional().describe('Artefacts referenced by or referring to the match to return as well'),
  detail: z.enum(STRUCTURE_DETAILS.filter((d) => d !== 'raw')).optional().describe('How much of each artefact to return'),
  format: formatParam('sdmx21-structure'),
});

const DataParams = z.object({
  flowRef: z.string().max(200).describe(`Dataflow: \`ID\`, \`${AGENCY},ID\` or \`${AGENCY},ID,VERSION\``),
  key: z.string().max(1000).optional().describe('Series key: dot-separated codes in dimension order, empty for any, `+` between alternatives, or `all`'),
  providerRef: z.string().max(200).optional().describe(`Data provider: \`${AGENCY}\` or \`all\``),
});

const DataQuery21 = z.strictObject({
  startPeriod: z.string().max(40).optional().describe('First period to include (inclusive): YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD'),
  endPeriod: z.string().max(40).optional().describe('Last period to include (inclusive)'),
  updatedAfter: z.string().max(40).optional().describe('Only what changed after this instant (ISO 8601)'),
  firstNObservations: PositiveInt.optional().describe('At most this many observations per series, from the first'),
  lastNObservations: PositiveInt.optional().describe('At most this many observations per series, from the last'),
  dimensionAtObservation: z.string().max(100).optional().describe(`\`${TIME_DIMENSION}\` (time series, the default), another dimension id, or \`${ALL_DIMENSIONS}\` (flat)`),
  detail: z.enum(DETAILS).optional().describe('`full`, `dataonly` (no attributes), `serieskeysonly` or `nodata` (series without observations)'),
  includeHistory: z.enum(['false']).optional().describe('`false` only: each figure is served with its current value (its vintages are in /v1/figures)'),
  format: formatParam('sdmx21-data'),
});

const SchemaParams = z.object({
  context: z.enum(['dataflow', 'datastructure']),
  agencyID: z.string().max(200),
  resourceID: z.string().max(200),
  version: z.string().max(100).optional(),
});
const SchemaQuery = z.strictObject({
  dimensionAtObservation: DataQuery21.shape.dimensionAtObservation,
  explicitMeasure: z.enum(['false']).optional(),
  format: formatParam('sdmx21-schema'),
});

/** A dataflow reference of SDMX REST 1.x: `ID`, `AGENCY,ID` or `AGENCY,ID,VERSION`, with `all`/`latest`. */
export function findFlow(model: StructuralModel, agency: string | undefined, id: string, version: string | undefined) {
  const any = (v: string | undefined) => v === undefined || v === '' || ['all', '*', 'latest', '+', '~'].includes(v);
  // The /v1 table id names the same dataflow: `knowledge-and-talent` is `KNOWLEDGE_AND_TALENT`.
  const flow = model.dataflows.find((f) => f.id === sdmxId(id) && (any(agency) || f.agency === agency) && (any(version) || f.version === version));
  if (!flow) throw new SdmxError('noResults', `No dataflow ${[agency, id, version].filter(Boolean).join(',')}. Dataflows: ${model.dataflows.map((f) => f.id).join(', ')}.`, 'flowRef');
  return flow;
}

export const structureUrlIn = (prefix: string) => (a: Artefact) => `${prefix}/${a.type}/${a.agency}/${a.id}/${a.version}`;

/** SDMX RESTful web services 1.5.0 (SDMX 2.1): structure, data and schema queries. */
export const sdmx21Routes: FastifyPluginAsyncZod = async (app) => {
  sdmxErrors(app);
  // The structural model is drawn up on the first SDMX request, not at start-up.
  const publicUrl = app.config.PUBLIC_URL;
  const structureUrl = (a: Artefact) => `${publicUrl}${structureUrlIn(SDMX21)(a)}`;

  const structure = async (request: FastifyRequest, reply: FastifyReply) => {
    const { model } = sdmxModel(app);
    const p = request.params as z.infer<typeof StructureParams>;
    const q = request.query as z.infer<typeof StructureQuery21>;
    const selection = selectStructures(model, {
      type: p.resource,
      agency: p.agencyID, id: p.resourceID, version: p.version, item: p.itemID,
      references: q.references, detail: q.detail, separator: '+',
    });
    return respond(request, reply, { kind: 'sdmx21-structure', data: { selection, header: headerFor(request), structureUrl } });
  };
  const structureSchema = {
    tags: ['sdmx'],
    summary: 'SDMX 2.1 structure query',
    description: 'Dataflows (one per table), data structure definitions (one per table shape), codelists, the concept scheme and the agency scheme, as SDMX-ML 2.1 Structure. Names in Dutch and English.',
    params: StructureParams,
    querystring: StructureQuery21,
    response: { ...negotiatedResponses('sdmx21-structure', 'An SDMX-ML 2.1 Structure message'), ...sdmxErrorResponses(NO_RESULTS) },
  };
  for (const path of ['/:resource', '/:resource/:agencyID', '/:resource/:agencyID/:resourceID', '/:resource/:agencyID/:resourceID/:version', '/:resource/:agencyID/:resourceID/:version/:itemID']) {
    app.get(`${SDMX21}${path}`, { schema: { ...structureSchema, params: paramsIn(StructureParams, path), operationId: operationIdFor('getSdmx21Structure', path) } }, structure);
  }

  const data = async (request: FastifyRequest, reply: FastifyReply) => {
    const { model, labels } = sdmxModel(app);
    const p = request.params as z.infer<typeof DataParams>;
    const q = request.query as z.infer<typeof DataQuery21>;
    const [agency, id, version] = p.flowRef.includes(',') ? p.flowRef.split(',') : [undefined, p.flowRef, undefined];
    const flow = findFlow(model, agency, id ?? '', version);
    if (p.providerRef && !['all', AGENCY, `${AGENCY},${AGENCY}`].includes(p.providerRef)) {
      throw new SdmxError('noResults', `No data provider ${p.providerRef}; the only provider is ${AGENCY}.`, 'providerRef');
    }
    if (q.startPeriod) periodSpan(q.startPeriod, 'startPeriod');
    if (q.endPeriod) periodSpan(q.endPeriod, 'endPeriod');
    const message = runDataQuery(app.dataset, model, {
      flow,
      key: parseKey(p.key, structureOf(model, flow).dimensions.map((d) => d.id)),
      startPeriod: q.startPeriod, endPeriod: q.endPeriod,
      updatedAfter: q.updatedAfter === undefined ? undefined : parseInstant(q.updatedAfter, 'updatedAfter'),
      firstN: q.firstNObservations, lastN: q.lastNObservations,
      detail: q.detail, dimensionAtObservation: q.dimensionAtObservation,
      lang: languageOf(request, reply),
    });
    // SDMX 2.1 answers an empty result with error 100, "No results found", as 404.
    if (message.series.length === 0) throw new SdmxError('noResults', 'No data matches the query.');
    const links = { dataflow: structureUrl(flow), datastructure: structureUrl(message.structure) };
    return respond(request, reply, { kind: 'sdmx21-data', data: { message, header: headerFor(request), labels, links } });
  };
  const dataSchema = {
    tags: ['sdmx'],
    summary: 'SDMX 2.1 data query',
    description: 'The figures of one table (dataflow) selected by series key and period, as SDMX-ML 2.1 Generic or Structure Specific data, SDMX-JSON 1.0 or SDMX-CSV 1.0 by `Accept`. An empty result is 404 with SDMX error 100 (No results found).',
    params: DataParams,
    querystring: DataQuery21,
    response: { ...negotiatedResponses('sdmx21-data', 'An SDMX data message'), ...sdmxErrorResponses(NO_RESULTS) },
  };
  for (const path of ['/data/:flowRef', '/data/:flowRef/:key', '/data/:flowRef/:key/:providerRef']) {
    app.get(`${SDMX21}${path}`, { schema: { ...dataSchema, params: paramsIn(DataParams, path), operationId: operationIdFor('getSdmx21Data', path) } }, data);
  }

  const schemaRoute = {
    schema: {
      tags: ['sdmx'],
      summary: 'SDMX 2.1 schema query',
      description: 'The XML schema that types structure-specific data of a dataflow or data structure, for the given dimension at observation level.',
      params: SchemaParams,
      querystring: SchemaQuery,
      response: { ...negotiatedResponses('sdmx21-schema', 'An XML schema'), ...sdmxErrorResponses(NO_RESULTS) },
    },
  };
  const schema = async (request: FastifyRequest, reply: FastifyReply) => {
    const { model } = sdmxModel(app);
    const p = request.params as z.infer<typeof SchemaParams>;
    const q = request.query as z.infer<typeof SchemaQuery>;
    const dsd = p.context === 'dataflow'
      ? structureOf(model, findFlow(model, p.agencyID, p.resourceID, p.version))
      : model.dataStructures.find((d) => d.id === p.resourceID.toUpperCase());
    if (!dsd) throw new SdmxError('noResults', `No data structure ${p.resourceID}.`, 'resourceID');
    const obsDimension = q.dimensionAtObservation ?? TIME_DIMENSION;
    if (![...dsd.dimensions.map((d) => d.id), TIME_DIMENSION, ALL_DIMENSIONS].includes(obsDimension)) {
      throw new SdmxError('syntax', `dimensionAtObservation must be one of ${[...dsd.dimensions.map((d) => d.id), TIME_DIMENSION, ALL_DIMENSIONS].join(', ')}.`, 'dimensionAtObservation');
    }
    // The schema imports SDMX's own schemas from where SDMX publishes them.
    const xsd = structureSpecificSchema(dsd, obsDimension, (file) => `https://raw.githubusercontent.com/sdmx-twg/sdmx-ml/v2.1/schemas/${file}`);
    return respond(request, reply, { kind: 'sdmx21-schema', data: { xsd } });
  };
  for (const path of ['/schema/:context/:agencyID/:resourceID', '/schema/:context/:agencyID/:resourceID/:version']) {
    app.get(`${SDMX21}${path}`, { ...schemaRoute, schema: { ...schemaRoute.schema, params: paramsIn(SchemaParams, path), operationId: operationIdFor('getSdmx21Schema', path) } }, schema);
  }
};
