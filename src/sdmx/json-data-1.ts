import type { Localized } from '../domain.js';
import { AGENCY, TIME_DIMENSION } from './ids.js';
import type { DataMessage } from './data-query.js';
import type { HeaderInfo } from './ml-common.js';
import type { Labels } from './labels.js';
import { urn, type AttributeComponent } from './model.js';
import { yearSpan } from './periods.js';

export const SDMX_JSON_1_SCHEMA = 'https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/1.0/sdmx-json-data-schema.json';

export interface StructureLinks {
  dataflow: string;
  datastructure: string;
}

export const localized = (text: Localized, lang: keyof Localized) => ({ name: text[lang], names: { nl: text.nl, en: text.en } });

/** Collects the distinct values of one component in order of appearance, and hands out their indexes. */
class ValueIndex {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  of(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

/**
 * The parts both SDMX-JSON data versions share: components with the values that occur in the
 * message, and the series and observations as indexes into them.
 */
export function jsonDataParts(m: DataMessage, labels: Labels, version: 1 | 2) {
  const lang = m.lang;
  const dimIndex = new Map(m.dimensions.map((d) => [d, new ValueIndex()]));
  const attrIndex = new Map([...m.seriesAttributes, ...m.obsAttributes].map((a) => [a.id, new ValueIndex()]));
  const codelistOf = new Map([...m.structure.dimensions, ...m.structure.attributes].map((c) => [c.id, c.codelist]));
  const attrValues = (list: AttributeComponent[], values: (string | undefined)[]) =>
    list.map((a, i) => (values[i] === undefined ? null : attrIndex.get(a.id)!.of(values[i]!)));

  const series: Record<string, { attributes: (number | null)[]; observations: Record<string, (number | string | null)[]> }> = {};
  const observations: Record<string, (number | string | null)[]> = {};
  for (const s of m.series) {
    const obs: Record<string, (number | string | null)[]> = {};
    for (const o of s.observations) {
      const key = o.key.map((v, i) => dimIndex.get(m.obsDimensions[i]!)!.of(v)).join(':');
      (m.flat ? observations : obs)[key] = [o.value, ...attrValues(m.obsAttributes, o.attributes)];
    }
    if (!m.flat) {
      const key = s.key.map((v, i) => dimIndex.get(m.seriesDimensions[i]!)!.of(v)).join(':');
      series[key] = { attributes: attrValues(m.seriesAttributes, s.attributes), observations: obs };
    }
  }

  // Version 1 requires `values` even when empty; version 2 forbids an empty list and lets it be left out.
  const valuesOf = <T>(list: T[]) => (version === 1 || list.length ? { values: list } : {});
  const dimension = (id: string) => ({
    id,
    ...localized(labels.concept(id), lang),
    keyPosition: m.dimensions.indexOf(id),
    ...(id === TIME_DIMENSION ? { roles: [TIME_DIMENSION] } : {}),
    ...valuesOf(dimIndex.get(id)!.values.map((v) => {
      if (id !== TIME_DIMENSION) return { id: v, ...localized(labels.code(codelistOf.get(id), v), lang) };
      const [start, end] = yearSpan(Number(v));
      return { id: v, name: v, start: `${start}T00:00:00Z`, end: `${end}T23:59:59Z` };
    })),
  });
  const attribute = (a: AttributeComponent, relationship: object) => ({
    id: a.id,
    ...localized(labels.concept(a.id), lang),
    relationship,
    ...valuesOf(attrIndex.get(a.id)!.values.map((v) => {
      if (a.codelist) return { id: v, ...localized(labels.code(a.codelist, v), lang) };
      return version === 1 ? { name: v } : { value: v };
    })),
  });
  return { series, observations, dimension, attribute };
}

/** The `meta` object of SDMX-JSON messages of both versions. */
export const jsonMeta = (h: HeaderInfo, schema: string, languages: (keyof Localized)[]) => ({
  schema,
  id: h.id,
  test: false,
  prepared: h.prepared,
  contentLanguages: languages,
  sender: { id: AGENCY, ...localized(h.sender, languages[0]!) },
});

/** What an SDMX-JSON data message says of its structure: where the dataflow and its structure are, and their names. */
export const jsonStructureHead = (m: DataMessage, links: StructureLinks) => ({
  links: [
    { href: links.dataflow, rel: 'dataflow', urn: urn(m.flow) },
    { href: links.datastructure, rel: 'datastructure', urn: urn(m.structure) },
  ],
  ...localized(m.flow.name, m.lang),
  descriptions: m.flow.description,
});

/** SDMX-JSON 1.0 data message (`meta`, `data.structure`, `data.dataSets`). */
export function sdmxJsonData1(m: DataMessage, h: HeaderInfo, labels: Labels, links: StructureLinks): object {
  const lang = m.lang;
  const parts = jsonDataParts(m, labels, 1);
  const seriesRelationship = { dimensions: m.structure.dimensions.map((d) => d.id) };
  return {
    meta: jsonMeta(h, SDMX_JSON_1_SCHEMA, [lang]),
    data: {
      structure: {
        ...jsonStructureHead(m, links),
        dimensions: {
          dataSet: [],
          series: m.seriesDimensions.map(parts.dimension),
          observation: m.obsDimensions.map(parts.dimension),
        },
        attributes: {
          dataSet: [],
          series: m.seriesAttributes.map((a) => parts.attribute(a, seriesRelationship)),
          observation: m.obsAttributes.map((a) => parts.attribute(a, { primaryMeasure: 'OBS_VALUE' })),
        },
      },
      dataSets: [
        {
          action: 'Information',
          links: [{ urn: urn(m.flow), rel: 'dataflow' }],
          ...(m.flat ? { observations: parts.observations } : { series: parts.series }),
        },
      ],
    },
  };
}
