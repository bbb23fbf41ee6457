import type { Dataset } from '../data/dataset.js';
import type { TableInfo } from '../data/types.js';
import { LICENSE, PUBLISHER } from '../publication.js';
import { publicUrls } from './urls.js';
import { UNIT_LABELS } from './vocabulary.js';
import { csvRenderer, jsonLdRenderer, jsonRenderer, jsonStatRenderer, sqliteRenderer } from '../http/renderers/index.js';

/**
 * schema.org `Dataset` descriptions, the form web search engines index, for HTML pages to embed
 * as `<script type="application/ld+json">`. English, the language of the HTML pages.
 */
const organization = () => ({
  '@type': 'Organization',
  name: PUBLISHER.name.en,
  alternateName: PUBLISHER.name.nl,
  url: PUBLISHER.url,
});

function common(dataset: Dataset, publicUrl: string) {
  const report = dataset.latestReport;
  const years = dataset.years;
  return {
    license: LICENSE.url,
    isAccessibleForFree: true,
    creator: organization(),
    publisher: organization(),
    citation: report.citation.en,
    temporalCoverage: `${years[0] ?? report.year}/${years[years.length - 1] ?? report.year}`,
    spatialCoverage: { '@type': 'Place', name: 'Netherlands', address: { '@type': 'PostalAddress', addressCountry: 'NL' } },
    inLanguage: ['en', 'nl'],
    dateModified: dataset.modified,
    datePublished: dataset.issued,
    includedInDataCatalog: { '@type': 'DataCatalog', name: 'IND statistics', url: publicUrls(publicUrl).catalog },
  };
}

export function schemaOrgTableDataset(dataset: Dataset, table: TableInfo, publicUrl: string) {
  const u = publicUrls(publicUrl);
  const report = dataset.latestReport;
  return {
    '@type': 'Dataset',
    '@id': `${u.catalog}#${table.id}`,
    name: `${report.title.en}: ${table.title.en}`,
    alternateName: `${report.title.nl}: ${table.title.nl}`,
    description: `${table.description.en} Figures for ${[...table.years].sort().join(' and ')} as printed in the ${report.title.en} of the Dutch Immigration and Naturalisation Service, served as JSON, CSV and JSON-stat.`,
    url: u.table(table.id),
    identifier: table.id,
    keywords: ['IND', 'immigration', 'Netherlands', 'annual report', table.title.en, table.title.nl],
    variableMeasured: table.metrics.map((m) => ({
      '@type': 'PropertyValue',
      propertyID: m.id,
      name: m.label.en,
      alternateName: m.label.nl,
      unitText: UNIT_LABELS[m.unit].en,
    })),
    distribution: [
      { '@type': 'DataDownload', encodingFormat: jsonRenderer.mediaType, contentUrl: u.table(table.id) },
      { '@type': 'DataDownload', encodingFormat: csvRenderer.mediaType, contentUrl: u.tableCsv(table.id) },
      { '@type': 'DataDownload', encodingFormat: jsonStatRenderer.mediaType, name: 'JSON-stat 2.0', contentUrl: u.tableJsonStat(table.id) },
    ],
    ...common(dataset, publicUrl),
  };
}

/** The whole service as one Dataset with every table as a part. */
export function schemaOrgServiceDataset(dataset: Dataset, publicUrl: string) {
  const u = publicUrls(publicUrl);
  const report = dataset.latestReport;
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': `${u.catalog}#all-figures`,
    name: `${report.title.en}: all figures`,
    alternateName: `${report.title.nl}: alle cijfers`,
    description:
      `Every table of the ${report.title.en} of the Dutch Immigration and Naturalisation Service (IND) as open data: asylum, regular migration (knowledge and talent, labour, study, family), naturalisation, service figures, finance and personnel, with the figures for each year, the TEV/VVR breakdown, footnotes and top-3 nationalities.`,
    url: u.frontDoor,
    keywords: ['IND', 'immigration', 'asylum', 'naturalisation', 'Netherlands', 'annual report', 'open data'],
    variableMeasured: [...new Map(dataset.tables.flatMap((t) => t.metrics).map((m) => [m.id, m])).values()].map((m) => ({
      '@type': 'PropertyValue',
      propertyID: m.id,
      name: m.label.en,
      unitText: UNIT_LABELS[m.unit].en,
    })),
    distribution: [
      { '@type': 'DataDownload', encodingFormat: csvRenderer.mediaType, contentUrl: u.figuresCsv },
      { '@type': 'DataDownload', encodingFormat: sqliteRenderer.mediaType, contentUrl: u.sqlite },
      { '@type': 'DataDownload', encodingFormat: jsonLdRenderer.mediaType, name: 'DCAT-AP catalog', contentUrl: u.catalog },
    ],
    hasPart: dataset.tables.map((t) => schemaOrgTableDataset(dataset, t, publicUrl)),
    ...common(dataset, publicUrl),
  };
}

/** Inserts JSON-LD into an HTML page's head; `<` is escaped so the data cannot close the script. */
export function embedJsonLd(html: string, data: object): string {
  const script = `<script type="${jsonLdRenderer.mediaType}">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>\n`;
  const at = html.indexOf('</head>');
  return at < 0 ? html : `${html.slice(0, at)}${script}${html.slice(at)}`;
}
