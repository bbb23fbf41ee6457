import { stringify } from 'csv-stringify/sync';
import { flatRows, type DataMessage } from './data-query.js';
import { PRIMARY_MEASURE } from './ids.js';

/**
 * SDMX-CSV: one row per observation, one column per dimension, the measure and each attribute;
 * series-level attribute values repeated on each row. Version 1.0 leads with a DATAFLOW column
 * holding AGENCY:ID(VERSION); version 2.x with STRUCTURE, STRUCTURE_ID and ACTION columns.
 */
export function sdmxCsv(m: DataMessage, version: 1 | 2): string {
  const attributes = m.structure.attributes.filter((a) => [...m.seriesAttributes, ...m.obsAttributes].includes(a)).map((a) => a.id);
  const flow = `${m.flow.agency}:${m.flow.id}(${m.flow.version})`;
  const lead = version === 1 ? ['DATAFLOW'] : ['STRUCTURE', 'STRUCTURE_ID', 'ACTION'];
  const leadValues = version === 1 ? [flow] : ['dataflow', flow, 'I'];
  const withValues = m.detail !== 'serieskeysonly' && m.detail !== 'nodata';
  const header = [...lead, ...m.dimensions, ...(withValues ? [PRIMARY_MEASURE] : []), ...attributes];
  const rows = flatRows(m).map((r) => [
    ...leadValues,
    ...r.codes,
    ...(withValues ? [r.value === null ? '' : String(r.value)] : []),
    ...attributes.map((a) => r.attributes[a] ?? ''),
  ]);
  return stringify([header, ...rows], { record_delimiter: 'windows' });
}
