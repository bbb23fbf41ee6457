import type { Localized } from '../domain.js';
import { PRIMARY_MEASURE, TIME_DIMENSION } from './ids.js';
import { headerStart, names, ref, trusted, xml, XML_DECLARATION, xmlns, type HeaderInfo, type Xml } from './ml-common.js';
import { CONCEPT_SCHEME, urn, type Artefact, type Component, type DataStructure, type Item } from './model.js';
import type { SelectedArtefact, StructureSelection } from './structure-query.js';

const descriptions = (d: Localized | undefined): Xml | string => (d ? names(d, 'common:Description') : '');

/** A stub names the artefact and says where the rest is; a complete stub adds its description. */
function maintainable(a: Artefact, stub: SelectedArtefact['stub'], structureUrl: string, body: () => Xml): Xml {
  const element = trusted(`str:${ELEMENT[a.type]}`);
  const description = 'description' in a ? a.description : undefined;
  // SDMX fixes isFinal of agency schemes to false: agencies may be added at any time.
  const common = xml`id="${a.id}" agencyID="${a.agency}" version="${a.version}" urn="${urn(a)}" isFinal="${a.type === 'agencyscheme' ? 'false' : 'true'}"`;
  if (stub) {
    const more = stub === 'complete' ? descriptions(description) : '';
    return xml`<${element} ${common} isExternalReference="true" structureURL="${structureUrl}">${names(a.name)}${more}</${element}>`;
  }
  return xml`<${element} ${common}>${names(a.name)}${descriptions(description)}${body()}</${element}>`;
}

const ELEMENT = {
  agencyscheme: 'AgencyScheme',
  codelist: 'Codelist',
  conceptscheme: 'ConceptScheme',
  datastructure: 'DataStructure',
  dataflow: 'Dataflow',
} as const;

const ITEM = { agencyscheme: 'Agency', codelist: 'Code', conceptscheme: 'Concept' } as const;

function items(a: Artefact & { items: Item[] }, parentUrn: string): Xml[] {
  const element = trusted(`str:${ITEM[a.type as keyof typeof ITEM]}`);
  // Agencies of the SDMX scheme are top-level: their URN is the agency id alone.
  const itemUrn = (id: string) =>
    a.type === 'agencyscheme' ? `urn:sdmx:org.sdmx.infomodel.base.Agency=${id}` : `${parentUrn.replace('.Codelist=', '.Code=').replace('.ConceptScheme=', '.Concept=')}.${id}`;
  return a.items.map((i) => xml`<${element} id="${i.id}" urn="${itemUrn(i.id)}">${names(i.name)}${descriptions(i.description)}</${element}>`);
}

const conceptIdentity = (id: string): Xml =>
  xml`<str:ConceptIdentity><Ref agencyID="${CONCEPT_SCHEME.agency}" maintainableParentID="${CONCEPT_SCHEME.id}" maintainableParentVersion="${CONCEPT_SCHEME.version}" id="${id}" package="conceptscheme" class="Concept"/></str:ConceptIdentity>`;

function representation(c: Component, agency: string, version: string): Xml {
  if (c.codelist) {
    return xml`<str:LocalRepresentation><str:Enumeration>${ref({ type: 'codelist', agency, id: c.codelist, version }, { package: 'codelist', class: 'Codelist' })}</str:Enumeration></str:LocalRepresentation>`;
  }
  return xml`<str:LocalRepresentation><str:TextFormat textType="${c.textType ?? 'String'}"/></str:LocalRepresentation>`;
}

function components(d: DataStructure): Xml {
  const dims = d.dimensions.map((c, i) =>
    xml`<str:Dimension id="${c.id}" position="${String(i + 1)}">${conceptIdentity(c.id)}${representation(c, d.agency, d.version)}</str:Dimension>`);
  const time = xml`<str:TimeDimension id="${TIME_DIMENSION}" position="${String(d.dimensions.length + 1)}">${conceptIdentity(TIME_DIMENSION)}<str:LocalRepresentation><str:TextFormat textType="ObservationalTimePeriod"/></str:LocalRepresentation></str:TimeDimension>`;
  const relationship = (level: 'series' | 'observation') =>
    level === 'series'
      ? xml`<str:AttributeRelationship>${d.dimensions.map((c) => xml`<str:Dimension><Ref id="${c.id}"/></str:Dimension>`)}</str:AttributeRelationship>`
      : xml`<str:AttributeRelationship><str:PrimaryMeasure><Ref id="${PRIMARY_MEASURE}"/></str:PrimaryMeasure></str:AttributeRelationship>`;
  const attributes = d.attributes.map((a) =>
    xml`<str:Attribute id="${a.id}" assignmentStatus="${a.mandatory ? 'Mandatory' : 'Conditional'}">${conceptIdentity(a.id)}${representation(a, d.agency, d.version)}${relationship(a.level)}</str:Attribute>`);
  return xml`<str:DataStructureComponents><str:DimensionList id="DimensionDescriptor">${dims}${time}</str:DimensionList><str:AttributeList id="AttributeDescriptor">${attributes}</str:AttributeList><str:MeasureList id="MeasureDescriptor"><str:PrimaryMeasure id="${PRIMARY_MEASURE}">${conceptIdentity(PRIMARY_MEASURE)}</str:PrimaryMeasure></str:MeasureList></str:DataStructureComponents>`;
}

function body(a: Artefact): Xml {
  switch (a.type) {
    case 'dataflow':
      return xml`<str:Structure>${ref({ type: 'datastructure', agency: a.agency, id: a.structure, version: a.version }, { package: 'datastructure', class: 'DataStructure' })}</str:Structure>`;
    case 'datastructure':
      return components(a);
    default:
      return trusted(items(a, urn(a)).map((x) => x.value).join(''));
  }
}

/** Containers of SDMX-ML 2.1 Structures, in the order its schema requires. */
const CONTAINERS = [
  ['agencyscheme', 'OrganisationSchemes'],
  ['dataflow', 'Dataflows'],
  ['codelist', 'Codelists'],
  ['conceptscheme', 'Concepts'],
  ['datastructure', 'DataStructures'],
] as const;

/** SDMX-ML 2.1 Structure message with the selected artefacts, full or as stubs. */
export function structureMessage(selection: StructureSelection, h: HeaderInfo, structureUrl: (a: Artefact) => string): string {
  const blocks = CONTAINERS.map(([type, container]) => {
    const list = selection.artefacts.filter((s) => s.artefact.type === type);
    if (!list.length) return '';
    const inner = list.map((s) => maintainable(s.artefact, s.stub, structureUrl(s.artefact), () => body(s.artefact)));
    return xml`<str:${trusted(container)}>${inner}</str:${trusted(container)}>`;
  });
  return XML_DECLARATION + xml`<message:Structure${xmlns(['message', 'common', 'str'])}>${headerStart(h)}</message:Header><message:Structures>${blocks}</message:Structures></message:Structure>`.value;
}
