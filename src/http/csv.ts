import { stringify } from 'csv-stringify/sync';
import type { Language } from '../domain.js';
import type { Delta, Observation } from '../data/types.js';

/** A CSV column: its header and how a row yields its cell. */
export interface Column<T> {
  name: string;
  title: string;
  datatype: 'string' | 'integer' | 'number' | 'boolean';
  value: (row: T, lang: Language) => string | number | boolean | null;
}

export const FIGURE_COLUMNS: Column<Observation>[] = [
  { name: 'table', title: 'table', datatype: 'string', value: (o) => o.table },
  { name: 'metric', title: 'metric', datatype: 'string', value: (o) => o.metric },
  { name: 'procedure', title: 'procedure', datatype: 'string', value: (o) => o.procedure },
  { name: 'year', title: 'year', datatype: 'integer', value: (o) => o.year },
  { name: 'value', title: 'value', datatype: 'number', value: (o) => o.value },
  { name: 'unit', title: 'unit', datatype: 'string', value: (o) => o.unit },
  { name: 'label', title: 'label', datatype: 'string', value: (o, lang) => o.label[lang] },
  { name: 'approximate', title: 'approximate', datatype: 'boolean', value: (o) => o.approximate },
  { name: 'revised_value', title: 'revised value', datatype: 'number', value: (o) => o.revisedValue },
  { name: 'footnotes', title: 'footnotes', datatype: 'string', value: (o, lang) => o.footnotes.map((f) => f[lang]).join(' | ') },
  { name: 'report', title: 'report', datatype: 'string', value: (o) => o.source.report },
  { name: 'section', title: 'section', datatype: 'string', value: (o) => o.source.section },
];

export const DELTA_COLUMNS: Column<Delta>[] = [
  { name: 'table', title: 'table', datatype: 'string', value: (d) => d.table },
  { name: 'metric', title: 'metric', datatype: 'string', value: (d) => d.metric },
  { name: 'procedure', title: 'procedure', datatype: 'string', value: (d) => d.procedure },
  { name: 'unit', title: 'unit', datatype: 'string', value: (d) => d.unit },
  { name: 'label', title: 'label', datatype: 'string', value: (d, lang) => d.label[lang] },
  { name: 'from', title: 'from', datatype: 'integer', value: (d) => d.from },
  { name: 'to', title: 'to', datatype: 'integer', value: (d) => d.to },
  { name: 'from_value', title: 'from value', datatype: 'number', value: (d) => d.fromValue },
  { name: 'to_value', title: 'to value', datatype: 'number', value: (d) => d.toValue },
  { name: 'change', title: 'change', datatype: 'number', value: (d) => d.change },
  { name: 'change_percent', title: 'change percent', datatype: 'number', value: (d) => d.changePercent },
];

/** RFC 4180 CSV (CRLF line ends, quoting where needed), UTF-8, empty cell for a missing value. */
export function toCsv<T>(rows: T[], columns: Column<T>[], lang: Language): string {
  return stringify(
    rows.map((row) => columns.map((c) => c.value(row, lang))),
    {
      header: true,
      columns: columns.map((c) => c.name),
      record_delimiter: '\r\n',
      cast: { boolean: (v) => (v ? 'true' : 'false') },
    },
  );
}
