import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Dataset } from '../../data/dataset.js';
import type { Delta, Observation, TableInfo } from '../../data/types.js';
import type { Language, Localized } from '../../domain.js';
import type { DeltasPageSchema, FiguresPageSchema } from '../schemas/figures.js';
import type { TableDetailSchema, TableListSchema } from '../schemas/tables.js';
import type { ReleaseDetailSchema, ReleaseListSchema, SeriesListSchema } from '../schemas/releases.js';
import type { FeedEntry } from '../../publishing/atom.js';

/** Rows that can be written as a CSV, with what its CSVW metadata says about them. */
export interface RowsOf<T> {
  rows: T[];
  title: Localized;
  description: Localized;
  /** Download name without extension, for `Content-Disposition`. */
  filename: string;
  /** Absolute URL of the CSV the metadata describes; by default the request's own URL in that format. */
  csvUrl?: string;
}

/**
 * What a route can answer with, by kind. A route hands the responder one of these and never
 * says how it is written; each renderer says which kinds it can write. Other modules add kinds
 * by augmenting this interface (`declare module '…/renderers/types.js'`).
 */
export interface ResourceKinds {
  /** `/v1/tables`: `body` is the JSON answer. */
  'table-list': { body: z.input<typeof TableListSchema> };
  /** One table: its JSON answer, and the figures every other format is written from. */
  table: { body: z.input<typeof TableDetailSchema>; table: TableInfo } & RowsOf<Observation>;
  /** A filtered page of figures. */
  'figure-list': { body: z.input<typeof FiguresPageSchema> } & RowsOf<Observation>;
  /** A filtered page of year-over-year changes. */
  'delta-list': { body: z.input<typeof DeltasPageSchema> } & RowsOf<Delta>;
  /** Every figure as a file, for bulk download (no JSON body). */
  'figure-file': RowsOf<Observation>;
  /** The DCAT-AP catalog, a JSON-LD document with an inline context. */
  catalog: { document: { '@context': Record<string, string>; '@graph': object[] } };
  /** The SQLite store as a file. */
  'store-file': { bytes: Buffer; filename: string };
  /** `/v1/releases`: the JSON answer, and what the feed says of each release. */
  'release-list': { body: z.input<typeof ReleaseListSchema>; entries: FeedEntry[] };
  /** One release and what it published. */
  release: { body: z.input<typeof ReleaseDetailSchema> };
  /** Series over the years: the JSON answer, and the figures the CSVs are written from. */
  'series-list': { body: z.input<typeof SeriesListSchema> } & RowsOf<Observation>;
}

export type ResourceKind = keyof ResourceKinds;

/** What a route returns: the kind of thing and its data. */
export type Resource<K extends ResourceKind = ResourceKind> = { [P in K]: { kind: P; data: ResourceKinds[P] } }[K];

export interface RenderContext {
  request: FastifyRequest;
  dataset: Dataset;
  /** Configured public base URL, for absolute links. */
  publicUrl: string;
  /** Label language of the request (`?lang=`). */
  lang: Language;
  /** The renderer chosen for this answer. */
  renderer: Renderer;
  /** Path and query of the same resource in another representation. */
  urlOf: (renderer: Renderer) => string;
}

/**
 * A finished body. Strings, buffers and streams are sent as they are; `{ json }` goes through
 * Fastify's serializer, so the route's response schema checks it as it is written.
 */
export type Output = string | Buffer | Readable | { json: unknown };

/** How one renderer writes one kind of resource. */
export interface Rendering<D> {
  /** The body's schema in the OpenAPI document (for JSON also the response check). */
  schema: z.ZodType;
  serialize: (data: D, ctx: RenderContext) => Output | Promise<Output>;
  /** What the catalog says of this representation, where it publishes it as a distribution. */
  distribution?: Localized;
}

export type Renderings = { [K in ResourceKind]?: Rendering<ResourceKinds[K]> };

/** A standard a representation follows, for `dct:conformsTo`. */
export interface Standard {
  iri: string;
  title: string;
}

/** One representation the API can write: everything about it is said here and only here. */
export interface Renderer {
  /** Unique key (the `?format=` name, plus the layout where there is one). */
  id: string;
  /** Value of `?format=`. */
  name: string;
  /** Value of `?layout=`, for a second arrangement of the same format. */
  layout?: string;
  /** What the layout is, for the parameter's description. */
  layoutNote?: string;
  /** Media type as negotiated, announced in `Link` and keyed in OpenAPI. */
  mediaType: string;
  /** The `Content-Type` header sent. */
  contentType: string;
  /** Further media types a client may ask for to get this one (e.g. plain JSON for JSON-LD). */
  alsoAccepts?: readonly string[];
  extension: string;
  /** Short name for people: "CSV", "JSON-stat". */
  title: string;
  /** Sent as a download (`Content-Disposition: attachment`). */
  attachment?: boolean;
  /** Metadata about another representation (`rel="describedby"` on it, never an alternate). */
  describes?: string;
  /** Standards the representation follows; none means this API's own OpenAPI document. */
  conformsTo?: readonly Standard[];
  /** The EU file-type authority code (`JSON`, `CSV`, `BIN` …), for DCAT's `dct:format`. */
  euFileType: string;
  renders: Renderings;
}
