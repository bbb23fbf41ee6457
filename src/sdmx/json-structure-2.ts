import { PRIMARY_MEASURE, TIME_DIMENSION } from './ids.js';
import { jsonMeta, localized } from './json-data-1.js';
import type { HeaderInfo } from './ml-common.js';
import { CONCEPT_SCHEME, urn, type Artefact, type Component, type DataStructure, type Item } from './model.js';
import type { StructureSelection } from './structure-query.js';

export const SDMX_JSON_2_STRUCTURE_SCHEMA = 'https://json.sdmx.org/2.1/sdmx-json-structure-schema.json';

const conceptUrn = (id: string) => `urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=${CONCEPT_SCHEME.agency}:${CONCEPT_SCHEME.id}(${CONCEPT_SCHEME.version}).${id}`;
const codelistUrn = (d: DataStructure, id: string) => urn({ type: 'codelist', agency: d.agency, id, version: d.version });

const representation = (d: DataStructure, c: Component) =>
  c.codelist ? { enumeration: codelistUrn(d, c.codelist) } : { format: { dataType: c.textType ?? 'String' } };

function components(d: DataStructure) {
  return {
    dimensionList: {
      id: 'DimensionDescriptor',
      dimensions: d.dimensions.map((c, i) => ({ id: c.id, position: i, conceptIdentity: conceptUrn(c.id), localRepresentation: representation(d, c) })),
      timeDimension: { id: TIME_DIMENSION, conceptIdentity: conceptUrn(TIME_DIMENSION), localRepresentation: { format: { dataType: 'ObservationalTimePeriod' } } },
    },
    attributeList: {
      id: 'AttributeDescriptor',
      attributes: d.attributes.map((a) => ({
        id: a.id,
        usage: a.mandatory ? 'mandatory' : 'optional',
        attributeRelationship: a.level === 'series' ? { dimensions: d.dimensions.map((c) => c.id) } : { observation: {} },
        conceptIdentity: conceptUrn(a.id),
        localRepresentation: representation(d, a),
      })),
    },
    measureList: {
      id: 'MeasureDescriptor',
      measures: [{ id: PRIMARY_MEASURE, usage: 'mandatory', conceptIdentity: conceptUrn(PRIMARY_MEASURE), localRepresentation: { format: { dataType: 'Double' } } }],
    },
  };
}

/** SDMX-JSON 2.1 structure message (SDMX 3.1) with the selected artefacts, full or as stubs. */
export function sdmxJsonStructure2(selection: StructureSelection, h: HeaderInfo, structureUrl: (a: Artefact) => string): object {
  const lang = 'en' as const;
  const items = (list: Item[]) => list.map((i) => ({ id: i.id, ...localized(i.name, lang), ...(i.description ? { descriptions: i.description } : {}) }));
  const artefact = (a: Artefact, stub: StructureSelection['artefacts'][number]['stub']) => {
    const description = 'description' in a ? a.description : undefined;
    const base = {
      id: a.id,
      version: a.version,
      agencyID: a.agency,
      ...localized(a.name, lang),
      ...(description && stub !== 'plain' ? { descriptions: description } : {}),
      links: [{ href: structureUrl(a), rel: stub ? 'external' : 'self', urn: urn(a), type: a.type }],
    };
    if (stub) return { ...base, isExternalReference: true };
    switch (a.type) {
      case 'agencyscheme': return { ...base, agencies: items(a.items) };
      case 'codelist': return { ...base, codes: items(a.items) };
      case 'conceptscheme': return { ...base, concepts: items(a.items) };
      case 'dataflow': return { ...base, structure: urn({ type: 'datastructure', agency: a.agency, id: a.structure, version: a.version }) };
      case 'datastructure': return { ...base, dataStructureComponents: components(a) };
    }
  };
  const of = (type: Artefact['type']) => selection.artefacts.filter((s) => s.artefact.type === type).map((s) => artefact(s.artefact, s.stub));
  const data = Object.fromEntries(
    (
      [
        ['dataStructures', of('datastructure')],
        ['dataflows', of('dataflow')],
        ['codelists', of('codelist')],
        ['conceptSchemes', of('conceptscheme')],
        ['agencySchemes', of('agencyscheme')],
      ] as const
    ).filter(([, list]) => list.length > 0),
  );
  return {
    meta: jsonMeta(h, SDMX_JSON_2_STRUCTURE_SCHEMA, ['en', 'nl']),
    data,
  };
}
