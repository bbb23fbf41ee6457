import type { Dataset } from '../data/dataset.js';
import type { TableInfo } from '../data/types.js';
import type { Localized } from '../domain.js';
import { PROCEDURE_LABELS, UNIT_LABELS } from '../publishing/vocabulary.js';
import { PUBLISHER } from '../publication.js';
import { AGENCY, AGENCY_SCHEME, PRIMARY_MEASURE, sdmxId, TIME_DIMENSION, VERSION } from './ids.js';
import { CONCEPTS, OBS_STATUS, TIME_FORMATS, unitMeasure } from './vocabulary.js';

/**
 * The structural metadata of the SDMX view, derived from the dataset: nothing here names a
 * table, a metric or a year. One dataflow per table; one data structure definition per table
 * shape (which dimensions the table needs); codelists for every coded component.
 */

export type ArtefactType = 'agencyscheme' | 'codelist' | 'conceptscheme' | 'datastructure' | 'dataflow';

export interface ArtefactRef {
  type: ArtefactType;
  agency: string;
  id: string;
  version: string;
}

export interface Item {
  id: string;
  name: Localized;
  description?: Localized;
}

export interface Codelist extends ArtefactRef {
  type: 'codelist';
  name: Localized;
  items: Item[];
}

export interface ConceptScheme extends ArtefactRef {
  type: 'conceptscheme';
  name: Localized;
  items: (Item & { codelist?: string; textType?: TextType })[];
}

export interface AgencyScheme extends ArtefactRef {
  type: 'agencyscheme';
  name: Localized;
  items: Item[];
}

export type TextType = 'ObservationalTimePeriod' | 'Integer' | 'String' | 'Decimal';

export interface Component {
  id: string;
  /** Enumerated components name their codelist; the others their text type. */
  codelist?: string;
  textType?: TextType;
}

export interface AttributeComponent extends Component {
  mandatory: boolean;
  /** `series`: one value per series key (depends on every dimension but time); `observation`: per figure. */
  level: 'series' | 'observation';
}

export interface DataStructure extends ArtefactRef {
  type: 'datastructure';
  name: Localized;
  /** Dimensions in key order, without the time dimension. */
  dimensions: Component[];
  attributes: AttributeComponent[];
}

export interface Dataflow extends ArtefactRef {
  type: 'dataflow';
  name: Localized;
  description: Localized;
  structure: string;
  table: TableInfo;
}

export type Artefact = AgencyScheme | Codelist | ConceptScheme | DataStructure | Dataflow;

export interface StructuralModel {
  agencySchemes: AgencyScheme[];
  codelists: Codelist[];
  conceptSchemes: ConceptScheme[];
  dataStructures: DataStructure[];
  dataflows: Dataflow[];
  all: Artefact[];
}

const CONCEPT_SCHEME_ID = 'CS_IND';

const codelist = (id: string, name: Localized, items: Item[]): Codelist => ({ type: 'codelist', agency: AGENCY, id, version: VERSION, name, items });

/** A table needs a PROCEDURE dimension only when it breaks its figures down by procedure. */
function dimensionsOf(table: TableInfo): string[] {
  return table.procedures.length > 1 ? ['METRIC', 'PROCEDURE'] : ['METRIC'];
}

export const structureIdOf = (table: TableInfo) => `DSD_${dimensionsOf(table).join('_')}`;

const ATTRIBUTES: AttributeComponent[] = [
  { id: 'TABLE', codelist: 'CL_TABLE', mandatory: true, level: 'series' },
  { id: 'UNIT_MEASURE', codelist: 'CL_UNIT', mandatory: true, level: 'series' },
  { id: 'UNIT_MULT', textType: 'Integer', mandatory: true, level: 'series' },
  { id: 'DECIMALS', textType: 'Integer', mandatory: true, level: 'series' },
  { id: 'TIME_FORMAT', codelist: 'CL_TIME_FORMAT', mandatory: true, level: 'series' },
  { id: 'OBS_STATUS', codelist: 'CL_OBS_STATUS', mandatory: true, level: 'observation' },
  { id: 'COMMENT_OBS', textType: 'String', mandatory: false, level: 'observation' },
];

const CODED_DIMENSIONS: Record<string, string> = { METRIC: 'CL_METRIC', PROCEDURE: 'CL_PROCEDURE' };

export function buildStructuralModel(dataset: Dataset): StructuralModel {
  const metrics = new Map<string, Item>();
  for (const table of dataset.tables) {
    for (const m of table.metrics) if (!metrics.has(m.id)) metrics.set(m.id, { id: sdmxId(m.id), name: m.label });
  }
  const procedures = [...new Set(dataset.tables.flatMap((t) => t.procedures))];
  const units = [...new Map(dataset.tables.flatMap((t) => t.metrics).map((m) => [unitMeasure(m.unit).code, m.unit])).entries()];

  const codelists: Codelist[] = [
    codelist('CL_TABLE', { nl: 'Tabellen van het IND-jaarverslag', en: 'Tables of the IND annual report' },
      dataset.tables.map((t) => ({ id: sdmxId(t.id), name: t.title, description: t.description }))),
    codelist('CL_METRIC', { nl: 'Indicatoren', en: 'Indicators' }, [...metrics.values()]),
    codelist('CL_PROCEDURE', { nl: 'Procedures', en: 'Procedures' }, procedures.map((p) => ({ id: sdmxId(p), name: PROCEDURE_LABELS[p] }))),
    codelist('CL_UNIT', { nl: 'Eenheden', en: 'Units of measure' },
      units.map(([code, unit]) => ({ id: code, name: unitMeasure(unit).multiplier ? UNIT_LABELS[unitMeasure(unit).base] : UNIT_LABELS[unit] }))),
    codelist('CL_OBS_STATUS', { nl: 'Status van een waarneming', en: 'Observation status' }, OBS_STATUS),
    codelist('CL_TIME_FORMAT', { nl: 'Notatie van de periode', en: 'Time period format' }, TIME_FORMATS),
  ];

  const conceptScheme: ConceptScheme = {
    type: 'conceptscheme', agency: AGENCY, id: CONCEPT_SCHEME_ID, version: VERSION,
    name: { nl: 'Concepten van de IND-statistieken', en: 'Concepts of the IND statistics' },
    items: CONCEPTS,
  };

  const dataStructures = new Map<string, DataStructure>();
  for (const table of dataset.tables) {
    const id = structureIdOf(table);
    if (dataStructures.has(id)) continue;
    const dims = dimensionsOf(table);
    dataStructures.set(id, {
      type: 'datastructure', agency: AGENCY, id, version: VERSION,
      name: {
        nl: `IND-cijfers naar ${dims.map((d) => d.toLowerCase()).join(', ')} en jaar`,
        en: `IND figures by ${dims.map((d) => d.toLowerCase()).join(', ')} and year`,
      },
      dimensions: dims.map((d) => ({ id: d, codelist: CODED_DIMENSIONS[d]! })),
      attributes: ATTRIBUTES,
    });
  }

  const dataflows: Dataflow[] = dataset.tables.map((table) => ({
    type: 'dataflow', agency: AGENCY, id: sdmxId(table.id), version: VERSION,
    name: table.title, description: table.description, structure: structureIdOf(table), table,
  }));

  const agencyScheme: AgencyScheme = {
    type: 'agencyscheme', ...AGENCY_SCHEME,
    name: { nl: 'SDMX-agentschappen', en: 'SDMX agencies' },
    items: [{ id: AGENCY, name: PUBLISHER.name }],
  };

  const model = {
    agencySchemes: [agencyScheme],
    codelists,
    conceptSchemes: [conceptScheme],
    dataStructures: [...dataStructures.values()],
    dataflows,
  };
  return { ...model, all: [...model.agencySchemes, ...model.dataflows, ...model.codelists, ...model.conceptSchemes, ...model.dataStructures] };
}

export const CONCEPT_SCHEME = { agency: AGENCY, id: CONCEPT_SCHEME_ID, version: VERSION };

/** The artefacts an artefact refers to directly. */
export function childrenOf(model: StructuralModel, a: Artefact): Artefact[] {
  if (a.type === 'dataflow') return model.dataStructures.filter((d) => d.id === a.structure);
  if (a.type === 'datastructure') {
    const lists = new Set([...a.dimensions, ...a.attributes].map((c) => c.codelist).filter(Boolean));
    return [...model.conceptSchemes, ...model.codelists.filter((c) => lists.has(c.id))];
  }
  return [];
}

export const urn = (a: ArtefactRef): string => `urn:sdmx:org.sdmx.infomodel.${URN_CLASS[a.type]}=${a.agency}:${a.id}(${a.version})`;

export const URN_CLASS: Record<ArtefactType, string> = {
  agencyscheme: 'base.AgencyScheme',
  codelist: 'codelist.Codelist',
  conceptscheme: 'conceptscheme.ConceptScheme',
  datastructure: 'datastructure.DataStructure',
  dataflow: 'datastructure.Dataflow',
};

export { PRIMARY_MEASURE, TIME_DIMENSION };
