import type { DataMessage } from './data-query.js';
import { PRIMARY_MEASURE } from './ids.js';
import { jsonDataParts, jsonMeta, jsonStructureHead, localized, type StructureLinks } from './json-data-1.js';
import type { Labels } from './labels.js';
import type { HeaderInfo } from './ml-common.js';

export const SDMX_JSON_2_DATA_SCHEMA = 'https://json.sdmx.org/2.1/sdmx-json-data-schema.json';

/** SDMX-JSON 2.1 data message (SDMX 3.1): one structure, one data set. */
export function sdmxJsonData2(m: DataMessage, h: HeaderInfo, labels: Labels, links: StructureLinks): object {
  const lang = m.lang;
  const parts = jsonDataParts(m, labels, 2);
  return {
    meta: jsonMeta(h, SDMX_JSON_2_DATA_SCHEMA, [lang]),
    data: {
      structures: [
        {
          ...jsonStructureHead(m, links),
          dimensions: {
            dataSet: [],
            series: m.seriesDimensions.map(parts.dimension),
            observation: m.obsDimensions.map(parts.dimension),
          },
          measures: { observation: [{ id: PRIMARY_MEASURE, ...localized(labels.concept(PRIMARY_MEASURE), lang) }] },
          attributes: {
            dataSet: [],
            dimensionGroup: [],
            series: m.seriesAttributes.map((a) => parts.attribute(a, { dimensions: m.structure.dimensions.map((d) => d.id) })),
            observation: m.obsAttributes.map((a) => parts.attribute(a, { observation: {} })),
          },
          dataSets: [0],
        },
      ],
      dataSets: [
        {
          structure: 0,
          action: 'Information',
          ...(m.flat ? { observations: parts.observations } : { series: parts.series }),
        },
      ],
    },
  };
}
