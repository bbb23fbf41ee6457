import type { Dataset } from '../data/dataset.js';
import type { Observation } from '../data/types.js';
import { byCodePoint } from '../data/releases.js';
import type { Language } from '../domain.js';
import { filterHolds, type ComponentFilter } from './component-filter.js';
import { SdmxError } from './errors.js';
import { PRIMARY_MEASURE, sdmxId, TIME_DIMENSION } from './ids.js';
import { keyMatches, type KeyFilter } from './key.js';
import type { AttributeComponent, Dataflow, DataStructure, StructuralModel } from './model.js';
import { periodSpan, yearPeriod, yearSpan } from './periods.js';
import { footnoteText, obsStatus, TIME_FORMATS, unitMeasure } from './vocabulary.js';

export const DETAILS = ['full', 'dataonly', 'serieskeysonly', 'nodata'] as const;
export type Detail = (typeof DETAILS)[number];
export const ALL_DIMENSIONS = 'AllDimensions';

export interface DataQuery {
  flow: Dataflow;
  key: KeyFilter;
  startPeriod?: string;
  endPeriod?: string;
  /** Milliseconds since the epoch. */
  updatedAfter?: number;
  firstN?: number;
  lastN?: number;
  detail?: Detail;
  dimensionAtObservation?: string;
  filters?: ComponentFilter[];
  /** Attribute ids to keep; all when absent. */
  attributes?: string[];
  /** SDMX REST 2.x `measures=none`: keys and attributes without the values. */
  withoutValues?: boolean;
  lang?: Language;
}

/** One figure in SDMX terms: codes for every dimension (time last), the value and its attributes. */
interface Row {
  codes: string[];
  value: number;
  attributes: Record<string, string | undefined>;
}

export interface SdmxObs {
  /** Values of the dimensions at observation level. */
  key: string[];
  value: number | null;
  attributes: (string | undefined)[];
}

export interface SdmxSeries {
  key: string[];
  attributes: (string | undefined)[];
  observations: SdmxObs[];
}

/** What a data message holds, already shaped by dimensionAtObservation and detail. */
export interface DataMessage {
  flow: Dataflow;
  structure: DataStructure;
  dimensionAtObservation: string;
  detail: Detail;
  /** Every dimension in key order, time last. */
  dimensions: string[];
  seriesDimensions: string[];
  obsDimensions: string[];
  seriesAttributes: AttributeComponent[];
  obsAttributes: AttributeComponent[];
  /** With AllDimensions there is one series with an empty key. */
  series: SdmxSeries[];
  flat: boolean;
  observationCount: number;
  lang: Language;
}

export function structureOf(model: StructuralModel, flow: Dataflow): DataStructure {
  return model.dataStructures.find((d) => d.id === flow.structure)!;
}

function rowOf(o: Observation, dims: string[], decimals: number, lang: Language): Row {
  const unit = unitMeasure(o.unit);
  const byDimension: Record<string, string> = { METRIC: sdmxId(o.metric), PROCEDURE: sdmxId(o.procedure) };
  return {
    codes: [...dims.map((d) => byDimension[d]!), yearPeriod(o.year)],
    value: o.value,
    attributes: {
      TABLE: sdmxId(o.table),
      UNIT_MEASURE: unit.code,
      UNIT_MULT: String(unit.multiplier),
      DECIMALS: String(decimals),
      TIME_FORMAT: TIME_FORMATS[0]!.id,
      OBS_STATUS: obsStatus(o),
      COMMENT_OBS: footnoteText(o, lang),
    },
  };
}

function inPeriod(year: number, start?: string, end?: string): boolean {
  const [first, last] = yearSpan(year);
  if (start && last < periodSpan(start, 'startPeriod')[0]) return false;
  if (end && first > periodSpan(end, 'endPeriod')[1]) return false;
  return true;
}


/**
 * Runs a data query on the dataset: the figures of the flow's table that match the key, the
 * period and the component filters, with firstN/lastN applied per time series, then shaped for
 * the message. `updatedAfter` keeps the figures a release gave a value after that instant.
 */
export function runDataQuery(dataset: Dataset, model: StructuralModel, q: DataQuery): DataMessage {
  const structure = structureOf(model, q.flow);
  const lang = q.lang ?? 'en';
  const dims = structure.dimensions.map((d) => d.id);
  const dimensions = [...dims, TIME_DIMENSION];
  const obsDimension = q.dimensionAtObservation ?? TIME_DIMENSION;
  if (obsDimension !== ALL_DIMENSIONS && !dimensions.includes(obsDimension)) {
    throw new SdmxError('syntax', `dimensionAtObservation must be ${[...dimensions, ALL_DIMENSIONS].join(', ')}; got "${obsDimension}".`, 'dimensionAtObservation');
  }
  const detail = q.detail ?? 'full';
  const metrics = new Map(q.flow.table.metrics.map((m) => [m.id, m]));

  let rows = dataset
    .figures({ table: [q.flow.table.id] })
    .filter((o) => inPeriod(o.year, q.startPeriod, q.endPeriod))
    .filter((o) => q.updatedAfter === undefined || dataset.updatedAt(o).getTime() > q.updatedAfter)
    .map((o) => rowOf(o, dims, metrics.get(o.metric)!.decimals, lang))
    .filter((r) => keyMatches(q.key, r.codes));
  for (const f of q.filters ?? []) {
    const position = dimensions.indexOf(f.component);
    rows = rows.filter((r) =>
      filterHolds(f, position >= 0 ? r.codes[position] : f.component === PRIMARY_MEASURE ? String(r.value) : r.attributes[f.component]),
    );
  }
  rows = limitPerSeries(rows, q.firstN, q.lastN).sort((a, b) => byCodePoint(a.codes.at(-1)!, b.codes.at(-1)!));

  // Series keys and series-level documentation need series: a flat view of them has none.
  const flat = obsDimension === ALL_DIMENSIONS && (detail === 'full' || detail === 'dataonly');
  const atObs = flat ? dimensions : [obsDimension === ALL_DIMENSIONS ? TIME_DIMENSION : obsDimension];
  const seriesDimensions = dimensions.filter((d) => !atObs.includes(d));
  const keep = (a: AttributeComponent) => detail !== 'dataonly' && detail !== 'serieskeysonly' && (!q.attributes || q.attributes.includes(a.id));
  // Series attributes depend on every dimension but time, so they stay on the series only in a time-series view.
  const timeSeriesView = !flat && atObs[0] === TIME_DIMENSION;
  const seriesAttributes = structure.attributes.filter((a) => keep(a) && a.level === 'series' && timeSeriesView);
  const obsAttributes = structure.attributes.filter((a) => keep(a) && (a.level === 'observation' || !timeSeriesView) && detail !== 'nodata');

  const series = new Map<string, SdmxSeries>();
  for (const r of rows) {
    const key = seriesDimensions.map((d) => r.codes[dimensions.indexOf(d)]!);
    const id = key.join('.');
    let s = series.get(id);
    if (!s) {
      s = { key, attributes: seriesAttributes.map((a) => r.attributes[a.id]), observations: [] };
      series.set(id, s);
    }
    if (detail === 'serieskeysonly' || detail === 'nodata') continue;
    s.observations.push({
      key: atObs.map((d) => r.codes[dimensions.indexOf(d)]!),
      value: q.withoutValues ? null : r.value,
      attributes: obsAttributes.map((a) => r.attributes[a.id]),
    });
  }
  return {
    flow: q.flow, structure, dimensionAtObservation: flat ? ALL_DIMENSIONS : atObs[0]!, detail, dimensions,
    seriesDimensions, obsDimensions: atObs, seriesAttributes, obsAttributes,
    series: [...series.values()], flat, observationCount: rows.length, lang,
  };
}

/** firstNObservations / lastNObservations count per time series, in time order. */
function limitPerSeries(rows: Row[], firstN?: number, lastN?: number): Row[] {
  if (firstN === undefined && lastN === undefined) return rows;
  const bySeries = new Map<string, Row[]>();
  for (const r of rows) {
    const id = r.codes.slice(0, -1).join('.');
    bySeries.set(id, [...(bySeries.get(id) ?? []), r]);
  }
  const kept = new Set<Row>();
  for (const list of bySeries.values()) {
    const sorted = [...list].sort((a, b) => byCodePoint(a.codes.at(-1)!, b.codes.at(-1)!));
    if (firstN !== undefined) sorted.slice(0, firstN).forEach((r) => kept.add(r));
    if (lastN !== undefined) sorted.slice(Math.max(0, sorted.length - lastN)).forEach((r) => kept.add(r));
  }
  return rows.filter((r) => kept.has(r));
}

/** Every observation of a message with all its dimension values in key order and all its attributes, for flat formats. */
export function flatRows(m: DataMessage): { codes: string[]; value: number | null; attributes: Record<string, string | undefined> }[] {
  const position = (d: string) => ({ series: m.seriesDimensions.indexOf(d), obs: m.obsDimensions.indexOf(d) });
  return m.series.flatMap((s) => {
    const seriesAttributes = Object.fromEntries(m.seriesAttributes.map((a, i) => [a.id, s.attributes[i]]));
    const observations = s.observations.length ? s.observations : [{ key: [], value: null, attributes: [] }];
    return observations.map((o) => ({
      codes: m.dimensions.map((d) => {
        const p = position(d);
        return p.series >= 0 ? s.key[p.series]! : (o.key[p.obs] ?? '');
      }),
      value: o.value,
      attributes: { ...seriesAttributes, ...Object.fromEntries(m.obsAttributes.map((a, i) => [a.id, o.attributes[i]])) },
    }));
  });
}
