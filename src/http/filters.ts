import type { FastifyRequest } from 'fastify';
import type { Dataset, YearWindow } from '../data/dataset.js';
import type { Procedure, Unit } from '../domain.js';
import { HttpProblem } from './problem.js';

export const splitList = (value: string | undefined) => (value === undefined ? undefined : [...new Set(value.split(','))]);

export const yearList = (value: string | undefined) => splitList(value)?.map(Number);

/** Table and metric ids must exist (404, naming the allowed ids); other lists are checked by their schema. */
export function knownTables(dataset: Dataset, value: string | undefined): string[] | undefined {
  const ids = splitList(value);
  const unknown = ids?.filter((id) => !dataset.table(id));
  if (unknown?.length) {
    throw new HttpProblem(404, `Unknown table: ${unknown.join(', ')}.`, [
      { parameter: 'table', message: 'unknown table', allowed: dataset.tables.map((t) => t.id) },
    ]);
  }
  return ids;
}

export function knownMetrics(dataset: Dataset, value: string | undefined, tables?: string[]): string[] | undefined {
  const ids = splitList(value);
  const scope = tables ? dataset.tables.filter((t) => tables.includes(t.id)) : dataset.tables;
  const allowed = [...new Set(scope.flatMap((t) => t.metrics.map((m) => m.id)))];
  const unknown = ids?.filter((id) => !allowed.includes(id));
  if (unknown?.length) {
    throw new HttpProblem(404, `Unknown metric${tables ? ` for table ${tables.join(', ')}` : ''}: ${unknown.join(', ')}.`, [
      { parameter: 'metric', message: 'unknown metric', allowed },
    ]);
  }
  return ids;
}

export const procedureList = (value: string | undefined) => splitList(value) as Procedure[] | undefined;
export const unitList = (value: string | undefined) => splitList(value) as Unit[] | undefined;

/** The data as of a release and/or a day (`?release=`, `?asOf=`); an unknown release is a 404 naming the known ones. */
export function viewOf(dataset: Dataset, q: { release?: string; asOf?: string }): Dataset {
  if (q.release === undefined && q.asOf === undefined) return dataset;
  const view = dataset.asOf({ release: q.release, date: q.asOf });
  if (!view) {
    throw new HttpProblem(404, `There is no release "${q.release}".`, [
      { parameter: 'release', message: 'unknown release', allowed: dataset.allReleases.map((r) => r.id) },
    ]);
  }
  return view;
}

/** `startYear`, `endYear` and `lastN`, with a first year after the last refused (400). */
export function yearWindow(q: { startYear?: number; endYear?: number; lastN?: number }): YearWindow {
  if (q.startYear !== undefined && q.endYear !== undefined && q.startYear > q.endYear) {
    throw new HttpProblem(400, `startYear ${q.startYear} is after endYear ${q.endYear}.`, [
      { parameter: 'startYear', message: 'must not be after endYear' },
    ]);
  }
  return { startYear: q.startYear, endYear: q.endYear, lastN: q.lastN };
}

/**
 * The Last-Modified of an answer: the newest release of the view it is asked as of (an unknown
 * release falls back to the whole data, the answer being a 404 anyway). Each view's date is
 * formatted once.
 */
export function lastModifiedOf(dataset: Dataset): (request: FastifyRequest) => string | null {
  const formatted = new Map<Dataset, string | null>();
  const stamp = (view: Dataset) => {
    if (!formatted.has(view)) formatted.set(view, view.lastModified?.toUTCString() ?? null);
    return formatted.get(view)!;
  };
  return (request) => {
    const q = request.query as { release?: unknown; asOf?: unknown } | undefined;
    const release = typeof q?.release === 'string' ? q.release : undefined;
    const date = typeof q?.asOf === 'string' ? q.asOf : undefined;
    if (release === undefined && date === undefined) return stamp(dataset);
    return stamp(dataset.asOf({ release, date }) ?? dataset);
  };
}
