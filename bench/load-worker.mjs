// The load generator, in a process of its own so it can be pinned to a core apart from the server
// (`taskset -c 1 node bench/load-worker.mjs`). It takes autocannon runs over IPC and answers with a
// summary; it never measures anything on its own.
//
// Messages in:  { type: 'run', id, options, expect? }   options as autocannon takes them; `requests`
//                                                      may carry `expect` (the status that request must get)
//               { type: 'phase', name }                later responses count toward that phase's latency
// Messages out: { type: 'result', id, result } | { type: 'error', id, message }
import autocannon from 'autocannon';

/** Percentile of an ascending array (nearest rank). */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

let phase = 'steady';

function run(id, options, trackPhases) {
  const unexpected = {};
  const phases = {};
  let failedStatus = 0;
  const requests = options.requests?.map(({ expect, ...request }) => ({
    ...request,
    onResponse: (status) => {
      if (expect !== undefined && status !== expect) {
        const key = `${request.method ?? 'GET'} ${request.path.slice(0, 60)} → ${status}`;
        unexpected[key] = (unexpected[key] ?? 0) + 1;
      }
    },
  }));
  const instance = autocannon({ ...options, requests }, (err, result) => {
    if (err) {
      process.send({ type: 'error', id, message: err.message });
      return;
    }
    const byPhase = {};
    for (const [name, { latencies, requests: count, failed }] of Object.entries(phases)) {
      latencies.sort((a, b) => a - b);
      byPhase[name] = { requests: count, failed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN };
    }
    process.send({
      type: 'result',
      id,
      result: {
        total: result.requests.total,
        seconds: result.duration,
        rps: result.requests.total / result.duration,
        latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
        errors: result.errors,
        timeouts: result.timeouts,
        statuses: Object.fromEntries(Object.entries(result.statusCodeStats).map(([s, { count }]) => [s, count])),
        failedStatus,
        unexpected,
        phases: byPhase,
      },
    });
  });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    if (status >= 400) failedStatus++;
    if (!trackPhases) return;
    const slot = (phases[phase] ??= { latencies: [], requests: 0, failed: 0 });
    slot.latencies.push(responseTime);
    slot.requests++;
    if (status >= 400) slot.failed++;
  });
  instance.on('reqError', () => {
    if (!trackPhases) return;
    const slot = (phases[phase] ??= { latencies: [], requests: 0, failed: 0 });
    slot.failed++;
  });
}

process.on('message', (message) => {
  if (message.type === 'phase') phase = message.name;
  else if (message.type === 'run') {
    phase = 'steady';
    run(message.id, message.options, message.trackPhases === true);
  }
});
// The parent going away ends this process too.
process.on('disconnect', () => process.exit(0));
