import type { Dataset } from '../data/dataset.js';
import type { TableInfo } from '../data/types.js';
import type { Language } from '../domain.js';
import { PageCharts, type DrawCharts } from './charts.js';
import { html, type SafeHtml } from './escape.js';
import { MESSAGES } from './i18n.js';
import { layout } from './layout.js';
import { comparisonFigure, figuresTable, footnotesBlock, rankingBlock } from './partials.js';
import { comparedYears, metricRows } from './view-model.js';
import { jsonRenderer } from '../http/renderers/index.js';

export interface HomePageOptions {
  /** Base of the page's absolute addresses (canonical, translations). */
  publicUrl: string;
  /** schema.org Dataset for the JSON-LD slot of the page head. */
  jsonLd?: object;
  drawCharts: DrawCharts;
}

/**
 * A table's card: its latest year beside the year before (when the table has it), the change and
 * a chart of the two. The split by procedure and the full series are on the table's own page,
 * which keeps the front page light.
 */
function card(charts: PageCharts, dataset: Dataset, table: TableInfo, lang: Language): SafeHtml {
  const m = MESSAGES[lang];
  const years = comparedYears(table);
  const columns = years.earlier === undefined ? [years.later] : [years.later, years.earlier];
  const rows = metricRows(dataset, table, columns);
  const headingId = `card-${table.id}`;
  const chart = comparisonFigure(charts, table, rows, table.metrics[0]!.unit, years, lang, `chart-${table.id}-compare`);
  return html`<li><article class="card" aria-labelledby="${headingId}" data-table="${table.id}">
    <p class="kicker">${table.heading}</p>
    <h2 id="${headingId}"><a href="/tables/${table.id}">${table.title[lang]}</a></h2>
    <p class="desc">${table.description[lang]}</p>
    ${figuresTable(rows, columns, years, lang, `${table.title[lang]}: ${columns.join(', ')}`)}
    ${chart || (years.earlier === undefined ? html`<p class="desc">${m.noEarlierYear(years.later - 1)}</p>` : '')}
    ${rankingBlock(dataset.nationalities([table.id], [years.later]), lang)}
    ${footnotesBlock(table.footnotes, lang)}
    <p class="more"><a href="/tables/${table.id}">${m.openTable(table.title[lang])} \u2192</a></p>
  </article></li>`;
}

/** The front page: every table as a card with its latest figures, their change, a chart, rankings and footnotes. */
export function renderHome(dataset: Dataset, lang: Language, options: HomePageOptions): Promise<string> {
  const m = MESSAGES[lang];
  const charts = new PageCharts();
  const report = dataset.latestReport;
  const years = dataset.years;
  const main = html`<h1>${m.homeTitle}</h1>
    <p class="lead">${m.homeIntro(years[0]!, years[years.length - 1]!)}</p>
    <p class="lead">${m.source}: ${report.citation[lang]}</p>
    <p class="note">${m.derivedNote}</p>
    <ul class="cards">${dataset.tables.map((t) => card(charts, dataset, t, lang))}</ul>`;
  const page = layout({
    lang,
    publicUrl: options.publicUrl,
    title: m.homeTitle,
    description: m.siteTagline,
    path: '/',
    main,
    alternates: [{ href: '/v1/tables', type: jsonRenderer.mediaType }],
    jsonLd: options.jsonLd,
  });
  return charts.drawInto(page, options.drawCharts);
}
