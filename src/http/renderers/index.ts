/** The renderer registry: every output format of the API, and the one responder that uses it. */
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
export { STANDARDS } from './standards.js';
export type * from './types.js';
