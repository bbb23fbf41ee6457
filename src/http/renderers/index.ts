/**
 * The renderer registry: every output format of the API, and the one responder that uses it.
 *
 * A route builds a resource, `{ kind, data }` (kinds and their data are `ResourceKinds` in
 * types.ts), declares `response: negotiatedResponses(kind, '…')` and `format: formatParam(kind)`
 * (plus `layout: layoutParam(kind)` where a format has layouts) in its schema, and ends with
 * `return respond(request, reply, resource)`. A download at a fixed path passes
 * `{ renderer }` instead of negotiating.
 *
 * A new format is a `Renderer` (types.ts) in a file of this folder, listed in `RENDERERS`
 * (registry.ts). A new kind of resource is a key added to `ResourceKinds` and a rendering of
 * it in each renderer that can write it.
 */
export { RENDERERS, renderersFor, defaultRenderer, formatNames, layoutNames, rendererNamed, describerOf, formatQuery, describeFormats } from './registry.js';
export { respond, urlIn, linkTo, type RespondOptions } from './respond.js';
export { negotiate, varyOn } from './negotiate.js';
export { renderedResponse, negotiatedResponses, formatParam, layoutParam } from './schemas.js';
export { jsonRenderer } from './json.js';
export { csvRenderer, wideCsvRenderer } from './csv.js';
export { csvwRenderer, wideCsvwRenderer } from './csv-metadata.js';
export { jsonStatRenderer } from './json-stat.js';
export { jsonLdRenderer, turtleRenderer } from './rdf.js';
export { sqliteRenderer } from './sqlite.js';
export { atomRenderer } from './atom.js';
export { STANDARDS } from './standards.js';
export type * from './types.js';
