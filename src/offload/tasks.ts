import { jsonLdToTurtle } from '../publishing/turtle.js';
import { drawCharts } from '../web/chart-drawing.js';

/**
 * What the offload worker (offload.ts) does for the server: the tasks whose libraries are large
 * and whose results the server keeps for the life of the process, so that it needs them only
 * once or a few times. Arguments and results cross between threads by structured clone: plain
 * data, no functions.
 */
export const TASKS = {
  /** The pages' charts, with Apache ECharts. */
  drawCharts,
  /** The DCAT-AP catalog as Turtle, with jsonld and n3. */
  jsonLdToTurtle,
};

export type Tasks = typeof TASKS;
export type TaskName = keyof Tasks;

export interface TaskMessage<K extends TaskName = TaskName> {
  id: number;
  task: K;
  args: Parameters<Tasks[K]>;
}

export type ResultMessage = { id: number; result: unknown } | { id: number; error: string };
