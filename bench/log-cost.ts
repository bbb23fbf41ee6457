/**
 * What one request log line costs the server, with the destination it uses (lines gathered in a
 * list, written synchronously in 4 KiB batches through sonic-boom), with sonic-boom gathering the
 * batches itself (`minLength`), and with those batches written asynchronously through libuv's
 * thread pool. Each round is a fresh process pinned to the server's core, the three alternate
 * (A B C, C B A, …), and the processor time of the whole process is counted, the thread pool's
 * included.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadAverage, log, machine, median, requirePinning, ROOT, SERVER_CORE, table } from './lib.js';

const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 6));
const LINES = Number(process.env.LOG_LINES ?? 200_000);
/** The destinations measured, by the name bench/log-worker.ts knows each by. */
const LABELS = {
  used: 'batches gathered in a list (used)',
  'sonic-boom': "sonic-boom's own batches",
  async: "sonic-boom's batches, written asynchronously",
};
type Mode = keyof typeof LABELS;
const MODES = Object.keys(LABELS) as Mode[];

requirePinning();
log(machine());
log(loadAverage('at the start', 0));
const worker = join(ROOT, 'bench', 'log-worker.ts');
const results = Object.fromEntries(MODES.map((mode) => [mode, [] as number[]])) as Record<Mode, number[]>;
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? MODES : [...MODES].reverse();
  for (const mode of order) {
    const run = spawnSync('taskset', ['-c', SERVER_CORE, process.execPath, '--import', 'tsx', worker, mode, String(LINES)], { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`log worker (${mode}) failed: ${run.stderr}`);
    results[mode].push(Number(run.stderr.trim().split('\n').at(-1)));
  }
}
log(`${LINES} lines per round, ${ROUNDS} rounds, alternated; processor time per line in µs`);
log(
  table([
    ['destination', 'min', 'median', 'max'],
    ...MODES.map((mode) => {
      const v = results[mode];
      return [LABELS[mode], Math.min(...v).toFixed(2), median(v).toFixed(2), Math.max(...v).toFixed(2)];
    }),
  ]),
);
log(loadAverage('at the end', 1));
