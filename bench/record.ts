import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Endpoint } from './endpoints.js';
import { log, SERVER_CORE, startCommand, startNode, type Running } from './lib.js';

// Hop-by-hop headers and Date are the sending server's own; everything else is replayed.
const NOT_REPLAYED = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** One GET with exactly these request headers (no Accept-Encoding unless given, as autocannon sends). */
export function get(origin: string, url: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(origin + url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const kept: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (!NOT_REPLAYED.has(name) && value !== undefined) kept[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: res.statusCode!, headers: kept, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A request as measured: the headers sent (with If-None-Match for a revalidation) and what came back. */
export interface Measured {
  endpoint: Endpoint;
  headers: Record<string, string>;
  status: number;
  bytes: number;
  /** Content-Encoding of the answer, if compressed. */
  encoding?: string;
}

/**
 * The server's answers to the endpoints, byte for byte, for a baseline to replay. A request the
 * server does not answer with the expected status (200, or 304 for a revalidation) is left out,
 * with a line saying so.
 */
export async function recordAnswers(origin: string, endpoints: Endpoint[], who = 'the server'): Promise<{ measured: Measured[]; recorded: object[] }> {
  const measured: Measured[] = [];
  const recorded: object[] = [];
  for (const endpoint of endpoints) {
    const headers = { ...endpoint.headers };
    let answer = await get(origin, endpoint.url, headers);
    if (endpoint.revalidate && answer.status === 200 && answer.headers.etag) {
      headers['if-none-match'] = answer.headers.etag;
      answer = await get(origin, endpoint.url, headers);
    }
    const expected = endpoint.revalidate ? 304 : 200;
    if (answer.status !== expected) {
      log(`skip ${endpoint.name} (${endpoint.url}): ${who} answers ${answer.status}, not ${expected}`);
      continue;
    }
    recorded.push({
      url: endpoint.url,
      accept: headers.accept ?? '',
      ifNoneMatch: headers['if-none-match'] ?? '',
      status: answer.status,
      headers: answer.headers,
      body: answer.body.toString('base64'),
    });
    measured.push({ endpoint, headers, status: answer.status, bytes: answer.body.length, encoding: answer.headers['content-encoding'] });
  }
  return { measured, recorded };
}

export type Baseline = 'fastify' | 'bare';
/**
 * BENCH_BASELINES_AS_STARTED=1: the baselines run with `npm start`'s node options and environment
 * (its memory settings) instead of Node's defaults, to tell what those settings cost from what the
 * code costs. The smaller young generation means many more, shorter collections under load.
 */
export const BASELINES_AS_STARTED = process.env.BENCH_BASELINES_AS_STARTED === '1';
const SCRIPTS: Record<Baseline, string> = { fastify: 'bench/baseline-fastify.mjs', bare: 'bench/baseline-server.mjs' };

/**
 * A baseline server (an empty Fastify route or bare node:http) replaying recorded answers, on the
 * server core; it is checked to answer every measured request as the server it copies did.
 */
export async function startBaseline(kind: Baseline, recorded: object[], scratch: string, measured: Measured[], copied: string): Promise<Running> {
  const file = join(scratch, `recorded-${kind}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(recorded));
  const start = BASELINES_AS_STARTED ? startCommand() : undefined;
  const baseline = await startNode(SCRIPTS[kind], [file], start?.env ?? {}, '/', { core: SERVER_CORE, anyStatus: true, nodeOptions: start?.options });
  for (const m of measured) {
    const ours = await get(copied, m.endpoint.url, m.headers);
    const theirs = await get(baseline.origin, m.endpoint.url, m.headers);
    if (theirs.status !== ours.status || !theirs.body.equals(ours.body) || theirs.headers['content-type'] !== ours.headers['content-type']) {
      await baseline.stop();
      throw new Error(`the ${kind} baseline does not answer ${m.endpoint.url} as the server does`);
    }
  }
  return baseline;
}
