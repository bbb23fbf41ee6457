import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Everything the server sent, interim responses (100 Continue) included. */
  text: string;
}

/**
 * Writes raw bytes on a fresh connection (without ending it, as a client waiting for its answer
 * does) and resolves with the final response once the server closes the connection.
 */
function exchange(port: number, text: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const final = data.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '');
      const split = final.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = final.slice(0, split).split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: final.slice(split + 4), text: data });
    });
  });
}

function expectProblem(answer: RawAnswer, status: number, type: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(answer.body);
  expect(body).toMatchObject({ status, detail: expect.any(String) });
  expect(body.type).toMatch(new RegExp(`/problems/${type}$`));
  return body as { title: string; detail: string };
}

async function listening(t: TestApp): Promise<number> {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  return (t.app.server.address() as AddressInfo).port;
}

describe('requests that break HTTP itself, on a real connection', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await buildTestApp();
    port = await listening(t);
  });
  afterAll(() => t.close());

  /** Asks for `path` twice, so that it is kept in the response cache and the fast path could answer it. */
  const warm = async (path: string) => {
    for (let i = 0; i < 2; i++) expect((await exchange(port, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)).status).toBe(200);
  };

  it('refuses a request with two Host headers with a 400 problem (RFC 9112 §3.2)', async () => {
    await warm('/v1');
    const answer = await exchange(port, 'GET /v1 HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n');
    const body = expectProblem(answer, 400, 'client-error');
    expect(body.detail).toMatch(/more than one Host/);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers['x-request-id']).toMatch(/\S/);
    // The same headers apart from the duplicate are answered.
    const once = await exchange(port, 'GET /health HTTP/1.1\r\nHost: a.example\r\nConnection: close\r\n\r\n');
    expect(once.status).toBe(200);
  });

  it('refuses an HTTP/1.1 request without Host with a 400 problem, and lets HTTP/1.0 go without', async () => {
    await warm('/v1');
    const answer = await exchange(port, 'GET /v1 HTTP/1.1\r\nAccept: */*\r\n\r\n');
    expect(expectProblem(answer, 400, 'client-error').detail).toMatch(/must have a Host/);
    const old = await exchange(port, 'GET /health HTTP/1.0\r\n\r\n');
    expect(old.status).toBe(200);
    expect(JSON.parse(old.body)).toEqual({ status: 'ok' });
  });

  it('answers an expectation it cannot meet with a 417 problem, and 100-continue as usual', async () => {
    await warm('/v1');
    const answer = await exchange(port, 'GET /v1 HTTP/1.1\r\nHost: x\r\nExpect: bogus\r\n\r\n');
    const body = expectProblem(answer, 417, 'expectation-failed');
    expect(body.title).toBe('Expectation Failed');
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    const go = await exchange(port, 'GET /health HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n');
    expect(go.text).toMatch(/^HTTP\/1\.1 100 Continue\r\n/);
    expect(go.status).toBe(200);
  });

  it('answers CONNECT with a 405 problem and Allow instead of closing in silence', async () => {
    const answer = await exchange(port, 'CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n');
    expectProblem(answer, 405, 'method-not-allowed');
    expect(answer.headers.allow).toBe('GET, HEAD, OPTIONS');
    // The server still serves after it.
    expect((await exchange(port, 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).status).toBe(200);
  });

  it('answers what the parser refuses with a problem of the right status', async () => {
    const cases: [string, number, string][] = [
      ['GET /v1 HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 400, 'client-error'],
      ['GET /v1 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400, 'client-error'],
      ['G@T /v1 HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'client-error'],
      [`GET /v1 HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers-too-large'],
    ];
    for (const [text, status, type] of cases) {
      const body = expectProblem(await exchange(port, text), status, type);
      expect(body.title).not.toMatch(/^(Client|Server) Error$/);
    }
  });
});

describe('a client that sends its request too slowly', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await buildTestApp({ env: { REQUEST_TIMEOUT_MS: '300' } });
    port = await listening(t);
  });
  afterAll(() => t.close());

  it('is checked for at least every second, not Node’s default 30 s', () => {
    const interval = (t.app.server as unknown as { connectionsCheckingInterval: number }).connectionsCheckingInterval;
    expect(interval).toBeLessThanOrEqual(300);
    expect(t.app.server.requestTimeout).toBe(300);
  });

  // The 5 s limit of this test is the bound: with Node's default check every 30 s the answer
  // would come far later. The test waits for the answer itself, never for a guessed delay.
  it('gets a 408 problem once REQUEST_TIMEOUT_MS has passed, then the connection closes', async () => {
    const answer = await exchange(port, 'GET /v1/tables HTTP/1.1\r\nHost: x\r\nX-Partial: ');
    const body = expectProblem(answer, 408, 'request-timeout');
    expect(body.title).toBe('Request Timeout');
  }, 5_000);
});
