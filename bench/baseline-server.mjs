// The ceiling: a bare node:http server answering recorded responses from memory, with no routing,
// validation, hooks or logging. Started by bench.ts with the file of recorded responses
// (see bench/recorded.mjs for its shape).
import { createServer } from 'node:http';
import { keyOf, loadRecorded } from './recorded.mjs';

const byKey = loadRecorded(process.argv[2], { withLength: true });
const notFound = Buffer.from('{"status":404}');

createServer((req, res) => {
  const entry = byKey.get(keyOf(req.url, req.headers));
  if (!entry) {
    res.writeHead(404, { 'content-type': 'application/json', 'content-length': notFound.length });
    res.end(notFound);
    return;
  }
  res.writeHead(entry.status, entry.headers);
  res.end(entry.body);
}).listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
