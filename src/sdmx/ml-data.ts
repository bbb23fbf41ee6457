import { ALL_DIMENSIONS, type DataMessage } from './data-query.js';
import { AGENCY, TIME_DIMENSION } from './ids.js';
import { headerStart, ref, trusted, xml, XML_DECLARATION, xmlns, type HeaderInfo, type Xml } from './ml-common.js';

/** The id by which a data set points at the structure the header declares. */
const structureId = (m: DataMessage) => `${AGENCY}_${m.flow.id}`;

/**
 * The namespace of the structure-specific schema for a structure and an observation dimension,
 * as SDMX's convention names it.
 */
export function structureSpecificNamespace(m: Pick<DataMessage, 'structure' | 'dimensionAtObservation'>): string {
  const s = m.structure;
  const level = m.dimensionAtObservation === ALL_DIMENSIONS ? 'ObsLevelDim:AllDimensions' : `ObsLevelDim:${m.dimensionAtObservation}`;
  return `urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=${s.agency}:${s.id}(${s.version}):${level}`;
}

function header(m: DataMessage, h: HeaderInfo, namespace?: string): Xml {
  const ns = namespace ? xml` namespace="${namespace}"` : '';
  return xml`${headerStart(h)}<message:Structure structureID="${structureId(m)}"${ns} dimensionAtObservation="${m.dimensionAtObservation}"><common:Structure>${ref(m.structure)}</common:Structure></message:Structure><message:Source xml:lang="en">${m.flow.name.en}</message:Source></message:Header>`;
}

const values = (ids: string[], vals: (string | undefined)[], element: string): Xml =>
  trusted(ids.map((id, i) => (vals[i] === undefined ? '' : xml`<${trusted(element)} id="${id}" value="${vals[i]}"/>`.value)).join(''));

const attributesOf = (ids: string[], vals: (string | undefined)[]): Xml =>
  vals.some((v) => v !== undefined) ? xml`<generic:Attributes>${values(ids, vals, 'generic:Value')}</generic:Attributes>` : trusted('');

/** SDMX-ML 2.1 GenericData: every value written as an id/value pair, readable without the structure's schema. */
export function genericData(m: DataMessage, h: HeaderInfo): string {
  const seriesAttrIds = m.seriesAttributes.map((a) => a.id);
  const obsAttrIds = m.obsAttributes.map((a) => a.id);
  const obs = (o: DataMessage['series'][number]['observations'][number]) => {
    const key = m.flat
      ? xml`<generic:ObsKey>${values(m.obsDimensions, o.key, 'generic:Value')}</generic:ObsKey>`
      : xml`<generic:ObsDimension value="${o.key[0]}"/>`;
    const value = o.value === null ? '' : xml`<generic:ObsValue value="${String(o.value)}"/>`;
    return xml`<generic:Obs>${key}${value}${attributesOf(obsAttrIds, o.attributes)}</generic:Obs>`;
  };
  const body = m.flat
    ? m.series.flatMap((s) => s.observations.map(obs))
    : m.series.map((s) => xml`<generic:Series><generic:SeriesKey>${values(m.seriesDimensions, s.key, 'generic:Value')}</generic:SeriesKey>${attributesOf(seriesAttrIds, s.attributes)}${s.observations.map(obs)}</generic:Series>`);
  return XML_DECLARATION + xml`<message:GenericData${xmlns(['message', 'common', 'generic'])}>${header(m, h)}<message:DataSet structureRef="${structureId(m)}">${body}</message:DataSet></message:GenericData>`.value;
}

const xmlAttributes = (ids: string[], vals: (string | number | null | undefined)[]): Xml =>
  trusted(ids.map((id, i) => (vals[i] === undefined || vals[i] === null ? '' : xml` ${trusted(id)}="${String(vals[i])}"`.value)).join(''));

/**
 * SDMX-ML 2.1 StructureSpecificData: components as XML attributes named by their ids, typed by the
 * schema the `schema` query serves for the same structure and observation dimension.
 */
export function structureSpecificData(m: DataMessage, h: HeaderInfo): string {
  const namespace = structureSpecificNamespace(m);
  const obsIds = [...m.obsDimensions, 'OBS_VALUE', ...m.obsAttributes.map((a) => a.id)];
  const obs = (o: DataMessage['series'][number]['observations'][number]) =>
    xml`<Obs${xmlAttributes(obsIds, [...o.key, o.value, ...o.attributes])}/>`;
  const seriesIds = [...m.seriesDimensions, ...m.seriesAttributes.map((a) => a.id)];
  const body = m.flat
    ? m.series.flatMap((s) => s.observations.map(obs))
    : m.series.map((s) => xml`<Series${xmlAttributes(seriesIds, [...s.key, ...s.attributes])}>${s.observations.map(obs)}</Series>`);
  return XML_DECLARATION + xml`<message:StructureSpecificData${xmlns(['message', 'common', 'structurespecific', 'xsi'])} xmlns:ns1="${namespace}">${header(m, h, namespace)}<message:DataSet structurespecific:structureRef="${structureId(m)}" structurespecific:dataScope="DataStructure" xsi:type="ns1:DataSetType">${body}</message:DataSet></message:StructureSpecificData>`.value;
}

export { TIME_DIMENSION };
