import { stringify } from 'csv-stringify/sync';
import type { Language, Localized } from '../domain.js';
import type { Dataset } from '../data/dataset.js';
import type { Delta, Observation } from '../data/types.js';
import { PROCEDURE_LABELS, UNIT_LABELS } from '../publishing/vocabulary.js';

/** What a column may need beyond its row: the label language and the tables' titles. */
export interface CsvContext {
  lang: Language;
  tableTitle: (id: string) => Localized | undefined;
}

/** The context for CSVs of this dataset's figures. */
export function csvContext(dataset: Dataset, lang: Language): CsvContext {
  return { lang, tableTitle: (id) => dataset.table(id)?.title };
}

/**
 * A CSV column: its header, its CSVW datatype and description, and how a row yields its cell.
 * Codes come first, their labels (in `lang`) in `*_label` columns after the figures.
 */
export interface Column<T> {
  name: string;
  datatype: 'string' | 'integer' | 'decimal' | 'boolean';
  description: Localized;
  required?: boolean;
  value: (row: T, ctx: CsvContext) => string | number | boolean | null;
}

const TABLE_ID = { nl: 'Id van de tabel', en: 'Table id' };
const METRIC_ID = { nl: 'Id van de indicator', en: 'Metric id' };
const PROCEDURE_ID = { nl: 'Procedure: total, tev of vvr', en: 'Procedure: total, tev or vvr' };
const UNIT_ID = { nl: 'Eenheid: count, percent, eur, eur-million of fte', en: 'Unit: count, percent, eur, eur-million or fte' };

function labelColumns<T extends { table: string; metric: string; procedure: Observation['procedure']; unit: Observation['unit']; label: Localized }>(): Column<T>[] {
  return [
    { name: 'table_label', datatype: 'string', description: { nl: 'Naam van de tabel', en: 'Name of the table' }, value: (r, c) => c.tableTitle(r.table)?.[c.lang] ?? null },
    { name: 'metric_label', datatype: 'string', description: { nl: 'Naam van de indicator (in het Nederlands de rij uit het jaarverslag)', en: 'Name of the metric (in Dutch, the report\'s row label)' }, value: (r, c) => r.label[c.lang] },
    { name: 'procedure_label', datatype: 'string', description: { nl: 'Naam van de procedure', en: 'Name of the procedure' }, value: (r, c) => PROCEDURE_LABELS[r.procedure][c.lang] },
    { name: 'unit_label', datatype: 'string', description: { nl: 'Naam van de eenheid', en: 'Name of the unit' }, value: (r, c) => UNIT_LABELS[r.unit][c.lang] },
  ];
}

export const FIGURE_COLUMNS: Column<Observation>[] = [
  { name: 'table', datatype: 'string', description: TABLE_ID, required: true, value: (o) => o.table },
  { name: 'metric', datatype: 'string', description: METRIC_ID, required: true, value: (o) => o.metric },
  { name: 'procedure', datatype: 'string', description: PROCEDURE_ID, required: true, value: (o) => o.procedure },
  { name: 'year', datatype: 'integer', description: { nl: 'Jaar', en: 'Year' }, required: true, value: (o) => o.year },
  { name: 'value', datatype: 'decimal', description: { nl: 'Het huidige cijfer: dat van de nieuwste publicatie, of een eerder exact cijfer dat het afrondt', en: 'The current value: the newest release\'s, or an earlier exact value it rounds' }, required: true, value: (o) => o.value },
  { name: 'unit', datatype: 'string', description: UNIT_ID, required: true, value: (o) => o.unit },
  { name: 'approximate', datatype: 'boolean', description: { nl: 'Waar als het jaarverslag "ca." of "circa" zegt', en: 'True where the report says "ca." or "circa"' }, required: true, value: (o) => o.approximate },
  { name: 'revised_value', datatype: 'decimal', description: { nl: 'Correctie die het jaarverslag zelf geeft; leeg als er geen is', en: 'A correction the report itself gives; empty where there is none' }, value: (o) => o.revisedValue },
  { name: 'precision', datatype: 'string', description: { nl: 'exact, rounded (afgerond op step) of approximate (bij benadering, zie qualifier)', en: 'exact, rounded (to step) or approximate (see qualifier)' }, required: true, value: (o) => o.precision },
  { name: 'step', datatype: 'decimal', description: { nl: 'De afrondingsstap van een afgerond cijfer, in de eenheid', en: 'The rounding step of a rounded value, in the unit' }, value: (o) => o.step },
  { name: 'qualifier', datatype: 'string', description: { nl: 'just-over, about of almost bij een cijfer bij benadering', en: 'just-over, about or almost for an approximate value' }, value: (o) => o.qualifier },
  ...labelColumns<Observation>(),
  { name: 'footnotes', datatype: 'string', description: { nl: 'Voetnoten, gescheiden door " | "', en: 'Footnotes, separated by " | "' }, value: (o, c) => o.footnotes.map((f) => f[c.lang]).join(' | ') || null },
  { name: 'report', datatype: 'string', description: { nl: 'Id van de publicatie waar het cijfer uit komt (zie /v1/releases)', en: 'Id of the release the value comes from (see /v1/releases)' }, required: true, value: (o) => o.source.report },
  { name: 'section', datatype: 'string', description: { nl: 'Waar in het jaarverslag het cijfer staat', en: 'Where in the report the figure stands' }, required: true, value: (o) => o.source.section },
];

export const DELTA_COLUMNS: Column<Delta>[] = [
  { name: 'table', datatype: 'string', description: TABLE_ID, required: true, value: (d) => d.table },
  { name: 'metric', datatype: 'string', description: METRIC_ID, required: true, value: (d) => d.metric },
  { name: 'procedure', datatype: 'string', description: PROCEDURE_ID, required: true, value: (d) => d.procedure },
  { name: 'unit', datatype: 'string', description: UNIT_ID, required: true, value: (d) => d.unit },
  { name: 'from', datatype: 'integer', description: { nl: 'Beginjaar', en: 'Year compared from' }, required: true, value: (d) => d.from },
  { name: 'to', datatype: 'integer', description: { nl: 'Eindjaar', en: 'Year compared to' }, required: true, value: (d) => d.to },
  { name: 'from_value', datatype: 'decimal', description: { nl: 'Cijfer in het beginjaar', en: 'Figure in the first year' }, required: true, value: (d) => d.fromValue },
  { name: 'to_value', datatype: 'decimal', description: { nl: 'Cijfer in het eindjaar', en: 'Figure in the second year' }, required: true, value: (d) => d.toValue },
  { name: 'change', datatype: 'decimal', description: { nl: 'to_value − from_value, in de eenheid (procentpunten bij percentages)', en: 'to_value − from_value, in the unit (percentage points for rates)' }, required: true, value: (d) => d.change },
  { name: 'change_percent', datatype: 'decimal', description: { nl: 'Verandering in procenten, één decimaal; leeg bij percentages en als from_value 0 is', en: 'Change in percent, one decimal; empty for rates and where from_value is 0' }, value: (d) => d.changePercent },
  ...labelColumns<Delta>(),
];

/** RFC 4180 CSV (CRLF line ends, quoting where needed), UTF-8, empty cell for a missing value. */
export function toCsv<T>(rows: T[], columns: Column<T>[], ctx: CsvContext): string {
  return stringify(
    rows.map((row) => columns.map((c) => c.value(row, ctx))),
    {
      header: true,
      columns: columns.map((c) => c.name),
      record_delimiter: '\r\n',
      cast: { boolean: (v) => (v ? 'true' : 'false') },
    },
  );
}

/** One row of the wide layout: a (table, metric, procedure) with its value per year. */
export interface WideRow {
  table: string;
  metric: string;
  procedure: Observation['procedure'];
  unit: Observation['unit'];
  label: Localized;
  values: Map<number, number | null>;
}

/**
 * The wide layout researchers paste into spreadsheets: one row per table, metric and procedure,
 * a column per year that occurs in `observations` (oldest first), empty where a year has no figure.
 */
export function wideFigures(observations: Observation[]): { rows: WideRow[]; columns: Column<WideRow>[] } {
  const rows = new Map<string, WideRow>();
  const years = new Set<number>();
  for (const o of observations) {
    years.add(o.year);
    const key = `${o.table}\u0000${o.metric}\u0000${o.procedure}\u0000${o.unit}`;
    let row = rows.get(key);
    if (!row) {
      row = { table: o.table, metric: o.metric, procedure: o.procedure, unit: o.unit, label: o.label, values: new Map() };
      rows.set(key, row);
    }
    row.values.set(o.year, o.value);
  }
  // Every year from the first to the last, so that a year no release gives shows as a gap.
  const first = Math.min(...years);
  const span = years.size ? Array.from({ length: Math.max(...years) - first + 1 }, (_, i) => first + i) : [];
  const yearColumns = span.map((year): Column<WideRow> => ({
    name: String(year),
    datatype: 'decimal',
    description: { nl: `Cijfer over ${year}; leeg als er geen is`, en: `Figure for ${year}; empty where there is none` },
    value: (r) => r.values.get(year) ?? null,
  }));
  const columns: Column<WideRow>[] = [
    { name: 'table', datatype: 'string', description: TABLE_ID, required: true, value: (r) => r.table },
    { name: 'metric', datatype: 'string', description: METRIC_ID, required: true, value: (r) => r.metric },
    { name: 'procedure', datatype: 'string', description: PROCEDURE_ID, required: true, value: (r) => r.procedure },
    { name: 'unit', datatype: 'string', description: UNIT_ID, required: true, value: (r) => r.unit },
    ...yearColumns,
    ...labelColumns<WideRow>(),
  ];
  return { rows: [...rows.values()], columns };
}
