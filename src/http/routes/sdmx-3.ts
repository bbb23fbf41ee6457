import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseComponentFilter } from '../../sdmx/component-filter.js';
import { ALL_DIMENSIONS, runDataQuery, structureOf } from '../../sdmx/data-query.js';
import { SdmxError } from '../../sdmx/errors.js';
import { AGENCY, PRIMARY_MEASURE, SDMX_ROOTS, TIME_DIMENSION, VERSION } from '../../sdmx/ids.js';
import { parseKey } from '../../sdmx/key.js';
import type { Artefact, DataStructure } from '../../sdmx/model.js';
import { parseInstant } from '../../sdmx/periods.js';
import { REFERENCES, selectStructures, STRUCTURE_DETAILS, STRUCTURE_TYPES } from '../../sdmx/structure-query.js';
import { formatParam, negotiatedResponses, respond } from '../renderers/index.js';
import { sdmxErrorResponses } from '../renderers/sdmx.js';
import { findFlow, structureUrlIn } from './sdmx-21.js';
import { headerFor, operationIdFor, paramsIn, languageOf, PositiveInt, sdmxErrors, sdmxModel } from './sdmx-shared.js';

export const SDMX3 = SDMX_ROOTS.v3;

const UNKNOWN_FLOW = 'No dataflow by that id: the tables are listed by the dataflow structure query.';

const StructureParams = z.object({
  type: z.enum([...STRUCTURE_TYPES, 'structure']).describe('The kind of structural metadata'),
  agencyID: z.string().max(200).optional().describe(`Maintenance agency: \`${AGENCY}\`, or \`*\``),
  resourceID: z.string().max(200).optional().describe('Artefact id(s), comma-separated, or `*`'),
  version: z.string().max(100).optional().describe('Version(s), `~` or `+` for the latest, `*` for all'),
  itemID: z.string().max(500).optional().describe('Item id(s) of a codelist, concept scheme or agency scheme, or `*`'),
});

const StructureQuery3 = z.strictObject({
  references: z.enum(REFERENCES).optional().describe('Artefacts referenced by or referring to the match to return as well'),
  detail: z.enum(STRUCTURE_DETAILS).optional().describe('How much of each artefact to return'),
  format: formatParam('sdmx3-structure'),
});

const DataParams = z.object({
  context: z.enum(['dataflow', '*']).describe('What the data is reported against: `dataflow` here'),
  agencyID: z.enum([AGENCY, '*']).describe(`\`${AGENCY}\` or \`*\``),
  resourceID: z.string().max(200).describe('The dataflow id (one table)'),
  version: z.enum([VERSION, '~', '+', '*']).optional().describe(`\`${VERSION}\`, \`~\`, \`+\` or \`*\``),
  key: z.string().max(1000).optional().describe('Series key: dot-separated codes in dimension order, `*` for any, `+` between alternatives; trailing positions may be left out'),
});

const DataQuery3 = z
  .object({
    updatedAfter: z.string().max(40).optional().describe('Only what changed after this instant (ISO 8601)'),
    firstNObservations: PositiveInt.optional().describe('At most this many observations per series, from the first'),
    lastNObservations: PositiveInt.optional().describe('At most this many observations per series, from the last'),
    firstNObs: PositiveInt.optional().describe('Short for firstNObservations'),
    lastNObs: PositiveInt.optional().describe('Short for lastNObservations'),
    dimensionAtObservation: z.string().max(100).optional().describe(`\`${TIME_DIMENSION}\` (the default), another dimension id, or \`${ALL_DIMENSIONS}\``),
    attributes: z.string().max(500).optional().describe('`dsd` (the default) or `all`, `none`, `series`, `obs`, or attribute ids, comma-separated'),
    measures: z.enum(['all', 'none', PRIMARY_MEASURE]).optional().describe('`all` (the default), `none` or `OBS_VALUE`'),
    includeHistory: z.enum(['false']).optional().describe('`false` only: each figure is served with its current value (its vintages are in /v1/figures)'),
    format: formatParam('sdmx3-data'),
  })
  .catchall(z.string().max(1000).describe('Component filter `c[COMPONENT]=…`: `,` between alternatives, `+` joins conditions, operators eq, ne, lt, le, gt, ge, co, nc, sw, ew'));

const COMPONENT_FILTER = /^c\[([A-Za-z][A-Za-z0-9_]*)\]$/;

/**
 * The query string as sent: in SDMX filters `+` means AND, where form decoding would turn it into
 * a space; a literal plus is written %2B.
 */
function rawQuery(url: string): Map<string, string> {
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      throw new SdmxError('syntax', `"${text}" is not a well-formed URL component.`);
    }
  };
  const pairs = (url.split('?')[1] ?? '').split('&').filter(Boolean);
  return new Map(pairs.map((p) => {
    const i = p.indexOf('=');
    return [decode(i < 0 ? p : p.slice(0, i)), decode(i < 0 ? '' : p.slice(i + 1))];
  }));
}

function attributeIds(structure: DataStructure, text: string | undefined): string[] | undefined {
  if (text === undefined || text === 'dsd' || text === 'all') return undefined;
  const ids = text.split(',');
  return ids.flatMap((id) => {
    if (id === 'none' || id === 'dataset' || id === 'msd') return [];
    if (id === 'series') return structure.attributes.filter((a) => a.level === 'series').map((a) => a.id);
    if (id === 'obs') return structure.attributes.filter((a) => a.level === 'observation').map((a) => a.id);
    if (!structure.attributes.some((a) => a.id === id)) throw new SdmxError('syntax', `attributes: "${id}" is not an attribute of ${structure.id}.`, 'attributes');
    return [id];
  });
}

/** SDMX REST API 2.x (SDMX 3): data queries on dataflows, structure queries. An empty result is 204. */
export const sdmx3Routes: FastifyPluginAsyncZod = async (app) => {
  sdmxErrors(app);
  const publicUrl = app.config.PUBLIC_URL;
  const structureUrl = (a: Artefact) => `${publicUrl}${SDMX3}/structure${structureUrlIn('')(a)}`;

  const structure = async (request: FastifyRequest, reply: FastifyReply) => {
    const { model } = sdmxModel(app);
    const p = request.params as z.infer<typeof StructureParams>;
    const q = request.query as z.infer<typeof StructureQuery3>;
    let selection;
    try {
      selection = selectStructures(model, {
        type: p.type, agency: p.agencyID, id: p.resourceID, version: p.version, item: p.itemID,
        references: q.references, detail: q.detail, separator: ',',
      });
    } catch (error) {
      // SDMX REST 2.x answers a query that matches nothing with 204: an empty but healthy state.
      if (error instanceof SdmxError && error.kind === 'noResults') return reply.code(204).send();
      throw error;
    }
    return respond(request, reply, { kind: 'sdmx3-structure', data: { selection, header: headerFor(request), structureUrl } });
  };
  const structureSchema = {
    tags: ['sdmx'],
    summary: 'SDMX 3 structure query',
    description: 'Dataflows, data structure definitions, codelists, the concept scheme and the agency scheme as SDMX-JSON 2.1 structure. 204 when nothing matches.',
    params: StructureParams,
    querystring: StructureQuery3,
    response: { ...negotiatedResponses('sdmx3-structure', 'An SDMX-JSON 2.1 structure message'), ...sdmxErrorResponses(UNKNOWN_FLOW), 204: z.null().describe('Nothing matches the query; no body') },
  };
  for (const path of ['/:type', '/:type/:agencyID', '/:type/:agencyID/:resourceID', '/:type/:agencyID/:resourceID/:version', '/:type/:agencyID/:resourceID/:version/:itemID']) {
    app.get(`${SDMX3}/structure${path}`, { schema: { ...structureSchema, params: paramsIn(StructureParams, path), operationId: operationIdFor('getSdmx3Structure', path) } }, structure);
  }

  const data = async (request: FastifyRequest, reply: FastifyReply) => {
    const { model, labels } = sdmxModel(app);
    const p = request.params as z.infer<typeof DataParams>;
    const q = request.query as z.infer<typeof DataQuery3> & Record<string, string>;
    if (p.resourceID === '*' || p.resourceID.includes(',')) throw new SdmxError('syntax', 'Ask for one dataflow at a time.', 'resourceID');
    const flow = findFlow(model, p.agencyID, p.resourceID, p.version);
    const dsd = structureOf(model, flow);
    const components = [...dsd.dimensions.map((d) => d.id), TIME_DIMENSION, PRIMARY_MEASURE, ...dsd.attributes.map((a) => a.id)];
    const raw = rawQuery(request.url);
    const filters = Object.keys(q).flatMap((name) => {
      if (name in DataQuery3.shape) return [];
      const component = COMPONENT_FILTER.exec(name)?.[1];
      if (!component) throw new SdmxError('syntax', `Unknown parameter "${name}".`, name);
      if (!components.includes(component)) throw new SdmxError('syntax', `c[${component}]: ${flow.id} has no such component; it has ${components.join(', ')}.`, name);
      return [parseComponentFilter(component, raw.get(name) ?? '')];
    });
    const message = runDataQuery(app.dataset, model, {
      flow,
      key: parseKey(p.key, dsd.dimensions.map((d) => d.id), { allowShort: true }),
      filters,
      updatedAfter: q.updatedAfter === undefined ? undefined : parseInstant(q.updatedAfter, 'updatedAfter'),
      firstN: q.firstNObservations ?? q.firstNObs,
      lastN: q.lastNObservations ?? q.lastNObs,
      dimensionAtObservation: q.dimensionAtObservation,
      attributes: attributeIds(dsd, q.attributes),
      withoutValues: q.measures === 'none',
      lang: languageOf(request, reply),
    });
    if (message.series.length === 0) return reply.code(204).send();
    const links = { dataflow: structureUrl(flow), datastructure: structureUrl(message.structure) };
    return respond(request, reply, { kind: 'sdmx3-data', data: { message, header: headerFor(request), labels, links } });
  };
  const dataSchema = {
    tags: ['sdmx'],
    summary: 'SDMX 3 data query',
    description: 'The figures of one table (dataflow) selected by key and `c[COMPONENT]` filters, as SDMX-JSON 2.1 or SDMX-CSV 2.1 by `Accept`. 204 when nothing matches.',
    params: DataParams,
    querystring: DataQuery3,
    response: { ...negotiatedResponses('sdmx3-data', 'An SDMX data message'), ...sdmxErrorResponses(UNKNOWN_FLOW), 204: z.null().describe('No data matches the query; no body') },
  };
  for (const path of ['/data/:context/:agencyID/:resourceID', '/data/:context/:agencyID/:resourceID/:version', '/data/:context/:agencyID/:resourceID/:version/:key']) {
    app.get(`${SDMX3}${path}`, { schema: { ...dataSchema, params: paramsIn(DataParams, path), operationId: operationIdFor('getSdmx3Data', path) } }, data);
  }
};
