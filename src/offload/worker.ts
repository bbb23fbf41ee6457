import { parentPort } from 'node:worker_threads';
import { TASKS, type ResultMessage, type TaskMessage } from './tasks.js';

// The offload worker's entry point: runs each task it is sent and answers with its result or
// its error's message.
const port = parentPort!;
port.on('message', async ({ id, task, args }: TaskMessage) => {
  let answer: ResultMessage;
  try {
    answer = { id, result: await (TASKS[task] as (...a: typeof args) => unknown)(...args) };
  } catch (error) {
    answer = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer);
});
