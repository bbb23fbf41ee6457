import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { ResultMessage, TaskMessage, TaskName, Tasks } from './tasks.js';

/** The worker's entry point as `npm run build` bundles it, beside the server bundle in dist/src. */
export const OFFLOAD_WORKER_FILE = 'offload-worker.cjs';

/**
 * From the sources (the tests, `tsx src/server.ts`) the worker runs worker.ts through tsx, a
 * development dependency; from the build, the bundle of it. (A worker's `--import tsx` option
 * does not reach its entry point on Node 20, hence the registration in a module of its own.)
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`./${OFFLOAD_WORKER_FILE}`, import.meta.url));
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const bootstrap = `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`));
}

interface Pending {
  resolve: (result: never) => void;
  reject: (error: Error) => void;
}

/**
 * A worker thread for the tasks of tasks.ts: started for the first task, and ended once no task
 * has come for `idleMs`. Its libraries (Apache ECharts for the pages' charts, jsonld and n3 for the
 * Turtle catalog) are loaded in the worker, and when it ends all the memory they took goes back
 * to the system. Loaded in the server's own thread, they would hold on to it for good (about
 * 30 MiB for the charts and 20 MiB for the Turtle catalog), though the server keeps what they
 * made and never calls them again. Emits `stopped` each time a worker has ended.
 */
export class Offload extends EventEmitter<{ stopped: [] }> {
  #worker: Worker | undefined;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #idle: NodeJS.Timeout | undefined;
  #stall: NodeJS.Timeout | undefined;
  #closed = false;

  /**
   * @param idleMs how long the worker waits for another task before it ends
   * @param answerMs how long a busy worker may go without answering before it is given up: its
   *   tasks fail, and the next task starts a new worker (a page that failed is tried again)
   */
  constructor(
    private readonly idleMs: number,
    private readonly answerMs = 30_000,
  ) {
    super();
  }

  /** Whether a worker is running now. */
  get running(): boolean {
    return this.#worker !== undefined;
  }

  run<K extends TaskName>(task: K, ...args: Parameters<Tasks[K]>): Promise<Awaited<ReturnType<Tasks[K]>>> {
    if (this.#closed) return Promise.reject(new Error('the offload worker was closed'));
    clearTimeout(this.#idle);
    const worker = this.#worker ?? this.#start();
    // A task under way keeps the process alive, as any I/O would; an idle worker does not.
    worker.ref();
    const id = this.#nextId++;
    if (this.#pending.size === 0) this.#watch(worker);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      try {
        worker.postMessage({ id, task, args } satisfies TaskMessage<K>);
      } catch (error) {
        // Arguments that cannot be cloned: the task fails and the worker goes idle as usual.
        this.#settle(worker, id, () => reject(error));
      }
    });
  }

  #start(): Worker {
    const worker = startWorker();
    worker.on('message', (answer: ResultMessage) => {
      const pending = this.#pending.get(answer.id);
      if (pending === undefined) return;
      this.#settle(worker, answer.id, () => ('error' in answer ? pending.reject(new Error(answer.error)) : pending.resolve(answer.result as never)));
    });
    worker.on('error', (error) => this.#ended(worker, error));
    // An answer that cannot be read: its task would wait for good, so the worker is given up.
    worker.on('messageerror', (error) => {
      this.#ended(worker, error);
      void worker.terminate();
    });
    worker.on('exit', (code) => {
      this.#ended(worker, new Error(`the offload worker exited with code ${code}`));
      this.emit('stopped');
    });
    this.#worker = worker;
    return worker;
  }

  /** Task `id` is done (`answer` tells its caller); with nothing left to do, the idle time starts. */
  #settle(worker: Worker, id: number, answer: () => void) {
    this.#pending.delete(id);
    answer();
    if (this.#worker !== worker) return;
    if (this.#pending.size > 0) {
      this.#watch(worker);
    } else {
      clearTimeout(this.#stall);
      worker.unref();
      this.#idle = setTimeout(() => this.#stop(worker), this.idleMs).unref();
    }
  }

  /** (Re)starts the wait for the busy worker's next answer. */
  #watch(worker: Worker) {
    clearTimeout(this.#stall);
    this.#stall = setTimeout(() => {
      this.#ended(worker, new Error(`the offload worker gave no answer in ${this.answerMs} ms`));
      void worker.terminate();
    }, this.answerMs).unref();
  }

  #stop(worker: Worker) {
    if (this.#worker === worker) this.#worker = undefined;
    void worker.terminate();
  }

  /** The worker failed or ended: what it still had to do fails, and the next task starts another. */
  #ended(worker: Worker, error: Error) {
    if (this.#worker === worker) {
      this.#worker = undefined;
      clearTimeout(this.#idle);
      clearTimeout(this.#stall);
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    }
  }

  /** Ends the worker, failing what it still had to do; no task runs after this. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#idle);
    clearTimeout(this.#stall);
    const worker = this.#worker;
    if (worker === undefined) return;
    this.#ended(worker, new Error('the offload worker was closed'));
    await worker.terminate();
  }
}
