import type { FastifyInstance } from 'fastify';

/** The one rendering of the OpenAPI document: what `/openapi.json` serves and `npm run openapi` writes. */
export function renderOpenApi(app: FastifyInstance): string {
  return `${JSON.stringify(app.swagger(), null, 2)}\n`;
}
