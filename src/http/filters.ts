import type { Dataset } from '../data/dataset.js';
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
