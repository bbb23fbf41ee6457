import { ALL_DIMENSIONS } from './data-query.js';
import { PRIMARY_MEASURE, TIME_DIMENSION } from './ids.js';
import { NS, xml, XML_DECLARATION, type Xml } from './ml-common.js';
import { structureSpecificNamespace } from './ml-data.js';
import type { DataStructure } from './model.js';

/**
 * The XML schema of structure-specific data for one structure and one observation dimension
 * (SDMX-ML 2.1, "structure specific schema"): it derives the abstract data set, series and
 * observation types of SDMX by restriction, naming every dimension and attribute. Codes are
 * typed as ids; the codelists themselves are served by the structure queries.
 */
export function structureSpecificSchema(structure: DataStructure, dimensionAtObservation: string, schemaLocation: (file: string) => string): string {
  const dimensions = [...structure.dimensions.map((d) => d.id), TIME_DIMENSION];
  const flat = dimensionAtObservation === ALL_DIMENSIONS;
  const obsDims = flat ? dimensions : [dimensionAtObservation];
  const seriesDims = dimensions.filter((d) => !obsDims.includes(d));
  const seriesLevel = !flat && dimensionAtObservation === TIME_DIMENSION;
  const seriesAttrs = seriesLevel ? structure.attributes.filter((a) => a.level === 'series') : [];
  const obsAttrs = structure.attributes.filter((a) => !seriesAttrs.includes(a));

  const typeOf = (id: string) => (id === TIME_DIMENSION ? 'common:ObservationalTimePeriodType' : 'common:IDType');
  const attribute = (id: string, required: boolean) =>
    xml`<xs:attribute name="${id}" type="${typeOf(id)}" use="${required ? 'required' : 'optional'}"/>`;
  const attrs = (ids: string[], required: boolean): Xml[] => ids.map((id) => attribute(id, required));
  const structureAttributes = (list: typeof obsAttrs): Xml[] =>
    list.map((a) => xml`<xs:attribute name="${a.id}" type="${a.textType === 'Integer' ? 'xs:integer' : a.codelist ? 'common:IDType' : 'xs:string'}" use="optional"/>`);

  const obsType = xml`<xs:complexType name="ObsType"><xs:complexContent><xs:restriction base="dsd:ObsType"><xs:sequence><xs:element ref="common:Annotations" minOccurs="0"/></xs:sequence>${attrs(obsDims, true)}<xs:attribute name="${PRIMARY_MEASURE}" type="xs:double" use="optional"/>${structureAttributes(obsAttrs)}</xs:restriction></xs:complexContent></xs:complexType>`;
  const seriesType = flat
    ? ''
    : xml`<xs:complexType name="SeriesType"><xs:complexContent><xs:restriction base="dsd:SeriesType"><xs:sequence><xs:element ref="common:Annotations" minOccurs="0"/><xs:element name="Obs" type="ObsType" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>${attrs(seriesDims, true)}${structureAttributes(seriesAttrs)}</xs:restriction></xs:complexContent></xs:complexType>`;
  const content = flat
    ? xml`<xs:element name="Obs" type="ObsType" maxOccurs="unbounded"/>`
    : xml`<xs:element name="Series" type="SeriesType" maxOccurs="unbounded"/>`;
  const dataSetType = xml`<xs:complexType name="DataSetType"><xs:complexContent><xs:restriction base="dsd:DataSetType"><xs:sequence><xs:element ref="common:Annotations" minOccurs="0"/><xs:element name="DataProvider" type="common:DataProviderReferenceType" minOccurs="0"/><xs:choice minOccurs="0">${content}</xs:choice></xs:sequence></xs:restriction></xs:complexContent></xs:complexType>`;

  const namespace = structureSpecificNamespace({ structure, dimensionAtObservation });
  return XML_DECLARATION + xml`<xs:schema xmlns:xs="${NS.xs}" xmlns="${namespace}" xmlns:common="${NS.common}" xmlns:dsd="${NS.structurespecific}" targetNamespace="${namespace}" elementFormDefault="unqualified" attributeFormDefault="unqualified"><xs:import namespace="${NS.common}" schemaLocation="${schemaLocation('SDMXCommon.xsd')}"/><xs:import namespace="${NS.structurespecific}" schemaLocation="${schemaLocation('SDMXDataStructureSpecific.xsd')}"/>${dataSetType}${seriesType}${obsType}</xs:schema>`.value;
}

