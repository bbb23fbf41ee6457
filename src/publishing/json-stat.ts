import type { Dataset } from '../data/dataset.js';
import type { Language } from '../domain.js';
import { LICENSE, PUBLISHER } from '../publication.js';
import { publicUrls } from './urls.js';
import { citation, DIMENSION_LABELS, PROCEDURE_LABELS, STATUS_LABELS, UNIT_LABELS, UNIT_SYMBOLS } from './vocabulary.js';
import { csvRenderer, jsonRenderer, jsonStatRenderer } from '../http/renderers/index.js';

/** JSON-stat 2.0 (https://json-stat.org/format/), the part of it this service emits. */
export interface JsonStatCategory {
  index: string[];
  label: Record<string, string>;
  note?: Record<string, string[]>;
  unit?: Record<string, { label: string; decimals: number; symbol?: string; position?: 'start' | 'end' }>;
}

export interface JsonStatDimension {
  label: string;
  category: JsonStatCategory;
}

export interface JsonStatLink {
  type?: string;
  href: string;
  label?: string;
  class?: 'dataset' | 'collection';
}

export interface JsonStatDataset {
  version: '2.0';
  class: 'dataset';
  href: string;
  label: string;
  source: string;
  updated?: string;
  id: string[];
  size: number[];
  role: { time: string[]; metric: string[] };
  dimension: Record<string, JsonStatDimension>;
  value: (number | null)[];
  status: Record<string, string>;
  note: string[];
  link: Record<string, JsonStatLink[]>;
  extension: Record<string, unknown>;
}

export interface JsonStatCollection {
  version: '2.0';
  class: 'collection';
  href: string;
  label: string;
  source: string;
  updated?: string;
  note: string[];
  link: { item: JsonStatLink[] };
  extension: Record<string, unknown>;
}

const NOTES = {
  missing: {
    nl: 'Een lege waarde (null) betekent dat het jaarverslag het cijfer niet geeft; het is geen nul.',
    en: 'An empty value (null) means the report does not give that figure; it is not zero.',
  },
  licence: {
    nl: `De cijfers zijn overheidsinformatie van de IND en worden hier gepubliceerd onder ${LICENSE.name} (${LICENSE.url}).`,
    en: `The figures are public-sector information of the IND, published here under ${LICENSE.name} (${LICENSE.url}).`,
  },
};

function licenceExtension(lang: Language) {
  return { license: { id: LICENSE.id, name: LICENSE.name, url: LICENSE.url }, publisher: PUBLISHER.name[lang] };
}

/**
 * One table as a JSON-stat dataset: a metric × procedure × year cube, in the report's units and
 * decimals. Cells the report leaves empty are null; approximate (`a`) and revised (`r`) figures
 * are marked through `status`, the revised value itself is in `extension.revised`.
 */
export function toJsonStatDataset(dataset: Dataset, tableId: string, lang: Language, publicUrl: string): JsonStatDataset {
  const table = dataset.table(tableId);
  if (!table) throw new Error(`unknown table ${tableId}`);
  const urls = publicUrls(publicUrl);
  const metrics = table.metrics;
  const procedures = table.procedures;
  // Every year from the first to the last: a year no release gives is a gap of nulls, not left out.
  const first = table.years[0];
  const years = first === undefined ? [] : Array.from({ length: table.years.at(-1)! - first + 1 }, (_, i) => first + i);

  const value: (number | null)[] = [];
  const status: Record<string, string> = {};
  const revised: Record<string, number> = {};
  for (const metric of metrics) {
    for (const procedure of procedures) {
      for (const year of years) {
        const figure = dataset.figure(table.id, metric.id, procedure, year);
        const index = String(value.length);
        value.push(figure ? figure.value : null);
        if (!figure) continue;
        if (figure.revisedValue !== null) {
          status[index] = 'r';
          revised[index] = figure.revisedValue;
        } else if (figure.approximate) {
          status[index] = 'a';
        }
      }
    }
  }

  const metricNotes: Record<string, string[]> = {};
  for (const footnote of table.footnotes) (metricNotes[footnote.metric] ??= []).push(footnote[lang]);
  // A definition says what is counted (and that cumulative figures are cumulative).
  for (const m of metrics) if (m.definition) (metricNotes[m.id] ??= []).push(m.definition[lang]);

  const metricCategory: JsonStatCategory = {
    index: metrics.map((m) => m.id),
    label: Object.fromEntries(metrics.map((m) => [m.id, m.label[lang]])),
    unit: Object.fromEntries(
      metrics.map((m) => [m.id, { label: UNIT_LABELS[m.unit][lang], decimals: m.decimals, ...UNIT_SYMBOLS[m.unit] }]),
    ),
  };
  if (Object.keys(metricNotes).length > 0) metricCategory.note = metricNotes;

  const report = dataset.latestReport;
  const self = `${urls.tableJsonStat(table.id)}&lang=${lang}`;
  return {
    version: '2.0',
    class: 'dataset',
    href: self,
    label: `${table.title[lang]} (${report.title[lang]})`,
    source: citation(report, publicUrl, lang),
    ...(dataset.modified ? { updated: dataset.modified } : {}),
    id: ['metric', 'procedure', 'year'],
    size: [metrics.length, procedures.length, years.length],
    role: { time: ['year'], metric: ['metric'] },
    dimension: {
      metric: { label: DIMENSION_LABELS.metric[lang], category: metricCategory },
      procedure: {
        label: DIMENSION_LABELS.procedure[lang],
        category: {
          index: [...procedures],
          label: Object.fromEntries(procedures.map((p) => [p, PROCEDURE_LABELS[p][lang]])),
        },
      },
      year: {
        label: DIMENSION_LABELS.year[lang],
        category: { index: years.map(String), label: Object.fromEntries(years.map((y) => [String(y), String(y)])) },
      },
    },
    value,
    status,
    note: [table.description[lang], NOTES.missing[lang], NOTES.licence[lang]],
    link: {
      alternate: [
        { type: jsonRenderer.mediaType, href: urls.table(table.id) },
        { type: csvRenderer.mediaType, href: `${urls.tableCsv(table.id)}&lang=${lang}` },
      ],
      up: [{ class: 'collection', type: jsonStatRenderer.mediaType, href: `${urls.tablesJsonStat}&lang=${lang}` }],
      license: [{ href: LICENSE.url }],
    },
    extension: {
      table: table.id,
      report: report.id,
      citation: report.citation[lang],
      ...licenceExtension(lang),
      status: Object.fromEntries(Object.entries(STATUS_LABELS).map(([code, label]) => [code, label[lang]])),
      revised,
    },
  };
}

/** Every table's JSON-stat dataset, linked from one JSON-stat collection. */
export function toJsonStatCollection(dataset: Dataset, lang: Language, publicUrl: string): JsonStatCollection {
  const urls = publicUrls(publicUrl);
  const report = dataset.latestReport;
  return {
    version: '2.0',
    class: 'collection',
    href: `${urls.tablesJsonStat}&lang=${lang}`,
    label: report.title[lang],
    source: citation(report, publicUrl, lang),
    ...(dataset.modified ? { updated: dataset.modified } : {}),
    note: [NOTES.licence[lang]],
    link: {
      item: dataset.tables.map((t) => ({
        class: 'dataset' as const,
        type: jsonStatRenderer.mediaType,
        href: `${urls.tableJsonStat(t.id)}&lang=${lang}`,
        label: t.title[lang],
      })),
    },
    extension: { report: report.id, citation: report.citation[lang], ...licenceExtension(lang) },
  };
}
