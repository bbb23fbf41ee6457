import type { Dataset } from '../data/dataset.js';
import type { TableInfo } from '../data/types.js';
import type { Localized } from '../domain.js';
import { CONTACT, LICENSE, PUBLISHER } from '../publication.js';
import { defaultRenderer, describerOf, formatQuery, renderersFor } from '../http/renderers/registry.js';
import { sdmxDataPaths } from '../sdmx/ids.js';
import type { Renderer, ResourceKind, Standard } from '../http/renderers/types.js';
import { publicUrls, type PublicUrls } from './urls.js';

/** Facts about the SQLite file served for bulk download, for its distribution. */
export interface StoreFileFacts {
  byteSize: number;
  sha256: string;
}

/**
 * Our own JSON-LD context: prefixes only, so every value in the graph says explicitly whether it
 * is an IRI, a language-tagged text or a typed date. (The official DCAT-AP context has terms that
 * JSON-LD 1.1 processors reject, and it would have to be fetched.)
 */
export const DCAT_CONTEXT = {
  adms: 'http://www.w3.org/ns/adms#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dcatap: 'http://data.europa.eu/r5r/',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  spdx: 'http://spdx.org/rdf/terms#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

const EU = 'http://publications.europa.eu/resource/authority';
const IANA = 'https://www.iana.org/assignments/media-types';
const OWMS = 'http://standaarden.overheid.nl/owms/terms';

type Node = Record<string, unknown>;
interface AgentIds {
  publisher: string;
  contact: string;
}

const ref = (id: string) => ({ '@id': id });
const text = (value: string, lang: 'nl' | 'en') => ({ '@value': value, '@language': lang });
const both = (l: Localized) => [text(l.nl, 'nl'), text(l.en, 'en')];
const date = (value: string) => ({ '@value': value, '@type': 'xsd:date' });

/** Themes: the EU data-theme vocabulary (DCAT-AP) and the Dutch government's OWMS themes (data.overheid.nl). */
const THEMES: Record<string, { iri: string; label: Localized }> = {
  SOCI: { iri: `${EU}/data-theme/SOCI`, label: { nl: 'Bevolking en samenleving', en: 'Population and society' } },
  GOVE: { iri: `${EU}/data-theme/GOVE`, label: { nl: 'Overheid en publieke sector', en: 'Government and public sector' } },
  JUST: { iri: `${EU}/data-theme/JUST`, label: { nl: 'Justitie, rechtsstelsel en openbare veiligheid', en: 'Justice, legal system and public safety' } },
  ECON: { iri: `${EU}/data-theme/ECON`, label: { nl: 'Economie en financiën', en: 'Economy and finance' } },
  MIGRATION: { iri: `${OWMS}/Migratie_en_integratie`, label: { nl: 'Migratie en integratie', en: 'Migration and integration' } },
  CITIZENSHIP: { iri: `${OWMS}/Nederlanderschap_(thema)`, label: { nl: 'Nederlanderschap', en: 'Dutch citizenship' } },
};
const DATA_THEME_SCHEME = `${EU}/data-theme`;

const TABLE_THEMES: Record<string, (keyof typeof THEMES)[]> = {
  asylum: ['SOCI', 'JUST', 'MIGRATION'],
  'knowledge-and-talent': ['SOCI', 'MIGRATION'],
  'labour-migrants': ['SOCI', 'MIGRATION'],
  students: ['SOCI', 'MIGRATION'],
  family: ['SOCI', 'MIGRATION'],
  naturalisation: ['SOCI', 'MIGRATION', 'CITIZENSHIP'],
  'counter-visits': ['GOVE', 'MIGRATION'],
  telephony: ['GOVE'],
  documents: ['GOVE', 'MIGRATION'],
  'caribbean-netherlands': ['GOVE', 'MIGRATION'],
  complaints: ['GOVE'],
  'notices-of-default': ['GOVE', 'JUST'],
  finance: ['GOVE', 'ECON'],
  personnel: ['GOVE'],
  appeals: ['JUST', 'MIGRATION'],
};
const DEFAULT_THEMES: (keyof typeof THEMES)[] = ['GOVE', 'MIGRATION'];

const OPENAPI_STANDARD: Standard = { iri: 'https://spec.openapis.org/oas/v3.1.0', title: 'OpenAPI Specification 3.1.0' };
/** Labels of the EU file-type codes the renderers name. */
const FILE_TYPE_LABELS: Record<string, string> = { JSON: 'JSON', CSV: 'CSV', BIN: 'Binary data', JSON_LD: 'JSON-LD', RDF_TURTLE: 'Turtle', XML: 'XML' };
// IANA names a media type without its parameters (the SDMX types carry a version).
const mediaTypeIri = (r: Renderer) => `${IANA}/${r.mediaType.split(';')[0]}`;
const fileTypeIri = (r: Renderer) => `${EU}/file-type/${r.euFileType}`;

/** The renderers of `kind` the catalog publishes as distributions, with the metadata renderer describing each. */
function published(kind: ResourceKind) {
  return renderersFor(kind)
    .filter((r) => r.renders[kind]?.distribution)
    .map((r) => ({ renderer: r, text: r.renders[kind]!.distribution!, describer: describerOf(kind, r) }));
}
type Published = ReturnType<typeof published>[number];

/** Standards a distribution follows: its own, its metadata's, or else this API's OpenAPI document. */
function standardsOf(p: Published): Standard[] {
  return [...(p.renderer.conformsTo ?? []), ...(p.describer?.conformsTo ?? [])];
}

/** SDMX data: each table is a dataflow of both SDMX REST APIs. */
const SDMX_DATA_KINDS = ['sdmx21-data', 'sdmx3-data'] as const;

/** Every renderer the catalog publishes, for the nodes describing their media types, file types and standards. */
function publishedRenderers(): Published[] {
  return (['table', 'figure-file', 'figure-list', 'store-file', ...SDMX_DATA_KINDS] as ResourceKind[]).flatMap(published);
}

const ACCESS_PUBLIC = `${EU}/access-right/PUBLIC`;
const LANGUAGES = { nl: `${EU}/language/NLD`, en: `${EU}/language/ENG` };
const NETHERLANDS = `${EU}/country/NLD`;
const PUBLISHER_TYPE = 'http://purl.org/adms/publishertype/NationalAuthority';
const LICENCE_TYPE = 'http://purl.org/adms/licencetype/PublicDomain';
const AVAILABILITY_STABLE = `${EU}/planned-availability/STABLE`;

function keywords(table: TableInfo): Localized[] {
  return [
    table.title,
    { nl: 'IND', en: 'IND' },
    { nl: 'immigratie', en: 'immigration' },
    { nl: 'jaarverslag', en: 'annual report' },
    { nl: 'statistiek', en: 'statistics' },
  ];
}

/** Nodes every dataset points at; typed here so the DCAT-AP range shapes find their classes in the graph. */
function sharedNodes(u: PublicUrls, ids: AgentIds): Node[] {
  const usedThemes = Object.values(THEMES);
  const renderers = publishedRenderers().map((p) => p.renderer);
  const standards = publishedRenderers().flatMap(standardsOf);
  return [
    {
      '@id': ids.publisher,
      '@type': ['foaf:Agent', 'foaf:Organization'],
      'foaf:name': both(PUBLISHER.name),
      'foaf:homepage': ref(PUBLISHER.url),
      'dct:type': ref(PUBLISHER_TYPE),
    },
    { '@id': PUBLISHER_TYPE, '@type': 'skos:Concept', 'skos:prefLabel': [text('Nationale overheid', 'nl'), text('National authority', 'en')] },
    {
      '@id': ids.contact,
      '@type': ['vcard:Kind', 'vcard:Organization'],
      'vcard:fn': both(CONTACT.name),
      'vcard:hasURL': ref(CONTACT.url),
    },
    {
      '@id': LICENSE.euUri,
      '@type': 'dct:LicenseDocument',
      'rdfs:label': text(LICENSE.name, 'en'),
      'dct:type': ref(LICENCE_TYPE),
      'rdfs:seeAlso': ref(LICENSE.url),
    },
    { '@id': LICENCE_TYPE, '@type': 'skos:Concept', 'skos:prefLabel': [text('Publiek domein', 'nl'), text('Public domain', 'en')] },
    { '@id': AVAILABILITY_STABLE, '@type': 'skos:Concept', 'skos:prefLabel': [text('Stabiel', 'nl'), text('Stable', 'en')] },
    { '@id': ACCESS_PUBLIC, '@type': 'dct:RightsStatement', 'rdfs:label': [text('Openbaar', 'nl'), text('Public', 'en')] },
    { '@id': LANGUAGES.nl, '@type': 'dct:LinguisticSystem', 'rdfs:label': [text('Nederlands', 'nl'), text('Dutch', 'en')] },
    { '@id': LANGUAGES.en, '@type': 'dct:LinguisticSystem', 'rdfs:label': [text('Engels', 'nl'), text('English', 'en')] },
    { '@id': NETHERLANDS, '@type': 'dct:Location', 'rdfs:label': [text('Nederland', 'nl'), text('Netherlands', 'en')] },
    {
      '@id': DATA_THEME_SCHEME,
      '@type': 'skos:ConceptScheme',
      'dct:title': [text('Datathema', 'nl'), text('Data theme', 'en')],
    },
    ...usedThemes.map((t) => ({
      '@id': t.iri,
      '@type': 'skos:Concept',
      'skos:prefLabel': both(t.label),
      ...(t.iri.startsWith(DATA_THEME_SCHEME) ? { 'skos:inScheme': ref(DATA_THEME_SCHEME) } : {}),
    })),
    ...unique(renderers.map(mediaTypeIri)).map((iri) => ({ '@id': iri, '@type': 'dct:MediaType', 'rdfs:label': text(iri.slice(IANA.length + 1), 'en') })),
    ...unique(renderers.map((r) => r.euFileType)).map((code) => ({
      '@id': `${EU}/file-type/${code}`,
      '@type': 'dct:MediaTypeOrExtent',
      'rdfs:label': text(FILE_TYPE_LABELS[code] ?? code, 'en'),
    })),
    ...uniqueBy([...standards, OPENAPI_STANDARD], (st) => st.iri).map((st) => ({ '@id': st.iri, '@type': 'dct:Standard', 'dct:title': text(st.title, 'en') })),
    { '@id': u.openapi, '@type': 'dct:Standard', 'dct:title': text('OpenAPI 3.1 description of the IND statistics API', 'en') },
    { '@id': u.docs, '@type': 'foaf:Document', 'dct:title': [text('Interactieve API-documentatie', 'nl'), text('Interactive API reference', 'en')] },
    { '@id': u.frontDoor, '@type': 'foaf:Document', 'dct:title': [text('Voordeur van de API', 'nl'), text('Front door of the API', 'en')] },
  ];
}

/** What every dataset and distribution repeats: publisher, licence, rights, and the dates of the first and newest release. */
function common(ids: AgentIds, dataset: Dataset) {
  return {
    dataset: {
      'dct:publisher': ref(ids.publisher),
      'dct:creator': ref(ids.publisher),
      'dcat:contactPoint': ref(ids.contact),
      'dct:accessRights': ref(ACCESS_PUBLIC),
      'dct:language': [ref(LANGUAGES.nl), ref(LANGUAGES.en)],
      'dct:spatial': ref(NETHERLANDS),
      'dct:issued': date(dataset.issued!),
      'dct:modified': date(dataset.modified!),
    },
    distribution: {
      'dct:license': ref(LICENSE.euUri),
      'dct:language': [ref(LANGUAGES.nl), ref(LANGUAGES.en)],
      'dcatap:availability': ref(AVAILABILITY_STABLE),
      'dct:issued': date(dataset.issued!),
      'dct:modified': date(dataset.modified!),
    },
  };
}

const unique = <T>(values: T[]) => [...new Set(values)];
const uniqueBy = <T>(values: T[], key: (v: T) => string) => [...new Map(values.map((v) => [key(v), v])).values()];
const oneOrMany = (ids: string[]) => (ids.length === 1 ? ref(ids[0]!) : ids.map(ref));

/**
 * A distribution of one published representation: titled by the resource and the format,
 * typed by the renderer's media type and file type, conforming to its standards (and its
 * metadata's), with that metadata as its page.
 */
function distribution(id: string, label: Localized, p: Published, access: { url: string; metadata?: string; openapi: string }, extra: Node = {}): Node {
  const standards = standardsOf(p).map((st) => st.iri);
  return {
    '@id': id,
    '@type': 'dcat:Distribution',
    'dct:title': both({ nl: `${label.nl} (${p.renderer.title})`, en: `${label.en} (${p.renderer.title})` }),
    'dct:description': both(p.text),
    'dcat:accessURL': ref(access.url),
    'dcat:downloadURL': ref(access.url),
    'dcat:mediaType': ref(mediaTypeIri(p.renderer)),
    'dct:format': ref(fileTypeIri(p.renderer)),
    ...extra,
    'dct:conformsTo': oneOrMany(standards.length ? standards : [access.openapi]),
    ...(access.metadata ? { 'foaf:page': ref(access.metadata) } : {}),
  };
}

/**
 * The DCAT-AP 3.0.1 / DCAT-AP-NL 3.0 catalog of this service as one JSON-LD document: a
 * dcat:Dataset per table with a distribution per format, a dataset of all figures with the bulk
 * downloads, and the API itself as a dcat:DataService.
 */
export function buildCatalog(dataset: Dataset, publicUrl: string, storeFile: StoreFileFacts): { '@context': typeof DCAT_CONTEXT; '@graph': Node[] } {
  const u = publicUrls(publicUrl);
  const report = dataset.latestReport;
  const ids = {
    catalog: u.catalog,
    publisher: `${u.catalog}#publisher`,
    contact: `${u.catalog}#contact`,
    service: `${u.catalog}#api`,
    all: `${u.catalog}#all-figures`,
    sqlite: `${u.catalog}#all-figures-sqlite`,
    provenance: `${u.catalog}#provenance`,
  };
  const base = common(ids, dataset);
  const period = (start: number, end: number) => ({
    '@type': 'dct:PeriodOfTime',
    'dcat:startDate': date(`${start}-01-01`),
    'dcat:endDate': date(`${end}-12-31`),
  });
  const citationOf = both({ nl: `${report.citation.nl} Gegevens: ${u.frontDoor} (${LICENSE.id}).`, en: `${report.citation.en} Data: ${u.frontDoor} (${LICENSE.id}).` });
  const years = dataset.years;

  const graph: Node[] = [];
  const datasetIds: string[] = [];

  const tableDists = published('table');
  const sdmxDists = SDMX_DATA_KINDS.flatMap((kind) => published(kind).map((p) => ({ ...p, kind })));
  for (const table of dataset.tables) {
    const id = `${u.catalog}#${table.id}`;
    datasetIds.push(id);
    const tableYears = [...table.years].sort((a, b) => a - b);
    graph.push({
      '@id': id,
      '@type': 'dcat:Dataset',
      'dct:identifier': id,
      'dct:title': both({ nl: `${report.title.nl}: ${table.title.nl}`, en: `${report.title.en}: ${table.title.en}` }),
      'dct:description': both(table.description),
      'dcat:keyword': keywords(table).flatMap(both),
      'dcat:theme': (TABLE_THEMES[table.id] ?? DEFAULT_THEMES).map((t) => ref(THEMES[t]!.iri)),
      'dct:temporal': period(tableYears[0] ?? report.year, tableYears[tableYears.length - 1] ?? report.year),
      'dcat:landingPage': ref(u.docs),
      'foaf:page': ref(u.docs),
      'dct:provenance': ref(ids.provenance),
      'dct:bibliographicCitation': citationOf,
      'dcat:distribution': [...[...tableDists, ...sdmxDists].map((p) => ref(`${id}-${p.renderer.id}`)), ref(ids.sqlite)],
      ...base.dataset,
    });
    const inFormat = (r: Renderer) => `${u.table(table.id)}${r === defaultRenderer('table') ? '' : formatQuery(r)}`;
    for (const p of tableDists) {
      const metadata = p.describer && inFormat(p.describer);
      graph.push(distribution(`${id}-${p.renderer.id}`, table.title, p, { url: inFormat(p.renderer), metadata, openapi: u.openapi }, {
        'dcat:accessService': ref(ids.service),
        ...base.distribution,
      }));
      if (metadata) graph.push({ '@id': metadata, '@type': 'foaf:Document', 'dct:title': text(`${p.describer!.title}: ${table.title.en}`, 'en') });
    }
    const paths = sdmxDataPaths(table.id);
    for (const p of sdmxDists) {
      const path = p.kind === 'sdmx21-data' ? paths.v21 : paths.v3;
      const url = `${publicUrl}${path}${p.renderer === defaultRenderer(p.kind) ? '' : formatQuery(p.renderer)}`;
      graph.push(distribution(`${id}-${p.renderer.id}`, table.title, p, { url, openapi: u.openapi }, { 'dcat:accessService': ref(ids.service), ...base.distribution }));
    }
  }

  datasetIds.push(ids.all);
  const allLabel = { nl: 'Alle cijfers', en: 'All figures' };
  const service = { 'dcat:accessService': ref(ids.service), ...base.distribution };
  const fileDocs: Node[] = [];
  // Bulk files live under /v1/download/; metadata sits next to its file at `{file}-metadata.json`, where CSVW looks for it.
  const fileDists = published('figure-file').map((p) => {
    const url = u.download(`figures.${p.renderer.extension}`);
    const metadata = p.describer && `${url}-metadata.${p.describer.extension}`;
    if (metadata) fileDocs.push({ '@id': metadata, '@type': 'foaf:Document', 'dct:title': text(`${p.describer!.title}: all figures`, 'en') });
    return distribution(`${ids.all}-${p.renderer.id}`, allLabel, p, { url, metadata, openapi: u.openapi }, service);
  });
  const listDists = published('figure-list').map((p) => {
    const url = `${u.figures}${p.renderer === defaultRenderer('figure-list') ? '' : formatQuery(p.renderer)}`;
    return distribution(`${ids.all}-${p.renderer.id}`, allLabel, p, { url, openapi: u.openapi }, service);
  });
  const storeDists = published('store-file').map((p) =>
    distribution(ids.sqlite, { nl: 'Volledige database', en: 'Complete database' }, p, { url: u.download(`ind.${p.renderer.extension}`), openapi: u.openapi }, {
      ...service,
      'dcat:byteSize': { '@value': String(storeFile.byteSize), '@type': 'xsd:nonNegativeInteger' },
      'spdx:checksum': {
        '@type': 'spdx:Checksum',
        'spdx:algorithm': ref('http://spdx.org/rdf/terms#checksumAlgorithm_sha256'),
        'spdx:checksumValue': { '@value': storeFile.sha256, '@type': 'xsd:hexBinary' },
      },
    }),
  );
  graph.push(
    {
      '@id': ids.all,
      '@type': 'dcat:Dataset',
      'dct:identifier': ids.all,
      'dct:title': both({ nl: `${report.title.nl}: alle cijfers`, en: `${report.title.en}: all figures` }),
      'dct:description': both({
        nl: 'Alle cijfers van alle tabellen in één bestand: als CSV, als JSON via de API, en de volledige SQLite-database met tabellen, indicatoren, voetnoten en rangordes.',
        en: 'Every figure of every table in one file: as CSV, as JSON through the API, and the complete SQLite database with tables, metrics, footnotes and rankings.',
      }),
      'dcat:keyword': [{ nl: 'IND', en: 'IND' }, { nl: 'immigratie', en: 'immigration' }, { nl: 'jaarverslag', en: 'annual report' }, { nl: 'statistiek', en: 'statistics' }].flatMap(both),
      'dcat:theme': ['SOCI', 'GOVE', 'MIGRATION'].map((t) => ref(THEMES[t]!.iri)),
      'dct:temporal': period(years[0] ?? report.year, years[years.length - 1] ?? report.year),
      'dcat:landingPage': ref(u.docs),
      'foaf:page': ref(u.docs),
      'dct:provenance': ref(ids.provenance),
      'dct:bibliographicCitation': citationOf,
      'dcat:distribution': [...fileDists, ...listDists, ...storeDists].map((d) => ref(d['@id'] as string)),
      ...base.dataset,
    },
    ...fileDists,
    ...fileDocs,
    ...listDists,
    ...storeDists,
    {
      '@id': ids.provenance,
      '@type': 'dct:ProvenanceStatement',
      'rdfs:label': both({
        nl: 'Cijfers overgenomen zoals gedrukt in de tabellen en de lopende tekst van het IND-jaarverslag; beschrijvingen en voetnoten in eigen woorden. Veranderingen ten opzichte van het vorige jaar zijn berekend en geen officiële cijfers.',
        en: 'Figures copied as printed in the tables and running text of the IND annual report; descriptions and footnotes in our own words. Year-over-year changes are computed and are not official figures.',
      }),
    },
  );

  graph.push({
    '@id': ids.service,
    '@type': 'dcat:DataService',
    'dct:identifier': ids.service,
    'dct:title': both({ nl: 'IND-statistieken API', en: 'IND statistics API' }),
    'dct:description': both({
      nl: 'Open API met alle tabellen uit het IND-jaarverslag: JSON, CSV met CSVW-metadata, JSON-stat en een DCAT-catalogus.',
      en: 'Open API serving every table of the IND annual report: JSON, CSV with CSVW metadata, JSON-stat and a DCAT catalog.',
    }),
    'dcat:endpointURL': ref(u.frontDoor),
    'dcat:endpointDescription': ref(u.openapi),
    'dct:conformsTo': ref(OPENAPI_STANDARD.iri),
    'dcat:landingPage': ref(u.docs),
    'dcat:keyword': [{ nl: 'IND', en: 'IND' }, { nl: 'open data', en: 'open data' }, { nl: 'API', en: 'API' }].flatMap(both),
    'dcat:servesDataset': datasetIds.map(ref),
    'dcat:theme': ['GOVE', 'MIGRATION'].map((t) => ref(THEMES[t]!.iri)),
    'dct:publisher': ref(ids.publisher),
    'dct:creator': ref(ids.publisher),
    'dcat:contactPoint': ref(ids.contact),
    'dct:accessRights': ref(ACCESS_PUBLIC),
    'dct:license': ref(LICENSE.euUri),
    'dct:language': [ref(LANGUAGES.nl), ref(LANGUAGES.en)],
    'dct:modified': date(dataset.modified!),
  });

  graph.unshift({
    '@id': ids.catalog,
    '@type': 'dcat:Catalog',
    'dct:title': both({ nl: 'Catalogus van de IND-statistieken', en: 'Catalog of the IND statistics' }),
    'dct:description': both({
      nl: `Open data uit het ${report.title.nl}: elke tabel als dataset, met verspreidingen als JSON, CSV, JSON-stat en als SQLite-database. Gepubliceerd onder ${LICENSE.name}.`,
      en: `Open data from the ${report.title.en}: every table as a dataset, distributed as JSON, CSV, JSON-stat and as an SQLite database. Published under ${LICENSE.name}.`,
    }),
    'dct:publisher': ref(ids.publisher),
    'dct:creator': ref(ids.publisher),
    'dcat:contactPoint': ref(ids.contact),
    'foaf:homepage': ref(u.frontDoor),
    'dct:license': ref(LICENSE.euUri),
    'dct:language': [ref(LANGUAGES.nl), ref(LANGUAGES.en)],
    'dct:spatial': ref(NETHERLANDS),
    'dct:issued': date(dataset.issued!),
    'dct:modified': date(dataset.modified!),
    'dcat:themeTaxonomy': ref(DATA_THEME_SCHEME),
    'dcat:dataset': datasetIds.map(ref),
    'dcat:service': ref(ids.service),
  });

  graph.push(...sharedNodes(u, ids));
  return { '@context': DCAT_CONTEXT, '@graph': graph };
}
