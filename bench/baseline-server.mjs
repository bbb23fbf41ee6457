// The ceiling: a bare node:http server answering recorded responses from memory, with no routing,
// validation, hooks or logging. Started by bench.ts with the file of responses to replay.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const recorded = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byUrl = new Map(
  recorded.map((r) => [r.path, { headers: r.headers, etag: r.headers.etag, body: Buffer.from(r.body, 'base64') }]),
);
const notFound = Buffer.from('{"status":404}');

createServer((req, res) => {
  const entry = byUrl.get(req.url);
  if (!entry) {
    res.writeHead(404, { 'content-type': 'application/json', 'content-length': notFound.length });
    res.end(notFound);
    return;
  }
  if (entry.etag && req.headers['if-none-match'] === entry.etag) {
    res.writeHead(304, { ...entry.headers, 'content-length': 0 });
    res.end();
    return;
  }
  res.writeHead(200, entry.headers);
  res.end(entry.body);
}).listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
