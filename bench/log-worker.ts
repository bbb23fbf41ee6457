// One round of bench/log-cost.ts: writes LINES request lines the way the server does (one line per
// request with its id) to /dev/null through the destination named by argv[2], and prints the
// processor time of the whole process (all threads) per line, in µs.
import { openSync } from 'node:fs';
import { pino } from 'pino';
import { LogDestination } from '../src/http/log-destination.js';

const mode = process.argv[2];
const lines = Number(process.argv[3] ?? 200_000);
const fd = openSync('/dev/null', 'w');
const destination =
  mode === 'used'
    ? new LogDestination(fd)
    : pino.destination({ dest: fd, sync: mode === 'sonic-boom', minLength: 4096, periodicFlush: 250 });
const logger = pino({ level: 'info' }, destination);
const line = { method: 'GET', url: '/v1/tables/asylum?format=csv', statusCode: 200, responseTime: 0.42 };

let written = 0;
const start = process.cpuUsage();
// In slices of 50, as requests arrive: the event loop turns between them, as it does under load,
// so the asynchronous destination's writes complete in the thread pool and come back.
function slice() {
  for (let i = 0; i < 50 && written < lines; i++, written++) {
    logger.info({ reqId: `8d3c7a52-5b7e-4f4e-9d0a-${String(written).padStart(12, '0')}`, ...line }, 'request completed');
  }
  if (written < lines) return setImmediate(slice);
  destination.flushSync();
  const used = process.cpuUsage(start);
  process.stderr.write(`${((used.user + used.system) / lines).toFixed(3)}\n`);
}
slice();
