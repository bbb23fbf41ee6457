// The floor every cached answer is held to: Fastify 5 with no plugins, no logger, and one empty
// route per recorded path that sends the recorded status, headers and bytes from memory. Started
// by bench.ts with the file of recorded responses (see bench/recorded.mjs for its shape).
import Fastify from 'fastify';
import { keyOf, loadRecorded } from './recorded.mjs';

const byKey = loadRecorded(process.argv[2], { withLength: false });
const app = Fastify();
const paths = new Set([...byKey.values()].map((entry) => entry.path));
for (const path of paths) {
  app.get(path, (request, reply) => {
    const entry = byKey.get(keyOf(request.url, request.headers));
    if (!entry) return reply.code(404).send({ status: 404 });
    return reply.code(entry.status).headers(entry.headers).send(entry.body);
  });
}
await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
