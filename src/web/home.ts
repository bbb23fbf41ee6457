import type { Dataset } from '../data/dataset.js';
import type { TableInfo } from '../data/types.js';
import type { Language } from '../domain.js';
import { html, type SafeHtml } from './escape.js';
import { MESSAGES } from './i18n.js';
import { layout } from './layout.js';
import { comparisonFigure, figuresTable, footnotesBlock, rankingBlock, sharesBlock } from './partials.js';
import { comparedYears, metricRows, shareRows } from './view-model.js';
import { jsonRenderer } from '../http/renderers/index.js';

function card(dataset: Dataset, table: TableInfo, lang: Language): SafeHtml {
  const m = MESSAGES[lang];
  const years = comparedYears(dataset);
  const rows = metricRows(dataset, table);
  const headingId = `card-${table.id}`;
  const chart = comparisonFigure(table, rows, table.metrics[0]!.unit, years, lang, `chart-${table.id}-compare`);
  return html`<li><article class="card" aria-labelledby="${headingId}" data-table="${table.id}">
    <p class="kicker">${table.heading}</p>
    <h2 id="${headingId}"><a href="/tables/${table.id}">${table.title[lang]}</a></h2>
    <p class="desc">${table.description[lang]}</p>
    ${figuresTable(rows, years, lang, `${table.title[lang]}: ${years.later}, ${years.earlier}`)}
    ${chart || html`<p class="desc">${m.noEarlierYear}</p>`}
    ${sharesBlock(table, shareRows(dataset, table, years.later), lang, `chart-${table.id}-shares`)}
    ${rankingBlock(dataset.nationalities([table.id]), lang)}
    ${footnotesBlock(table.footnotes, lang)}
    <p class="more"><a href="/tables/${table.id}">${m.openTable(table.title[lang])} →</a></p>
  </article></li>`;
}

/** The front page: every table as a card with its figures, change, charts, rankings and footnotes. */
export function renderHome(dataset: Dataset, lang: Language, jsonLd?: object): string {
  const m = MESSAGES[lang];
  const report = dataset.latestReport;
  const main = html`<h1>${m.homeTitle}</h1>
    <p class="lead">${m.homeIntro}</p>
    <p class="lead">${m.source}: ${report.citation[lang]}</p>
    <p class="note">${m.derivedNote}</p>
    <ul class="cards">${dataset.tables.map((t) => card(dataset, t, lang))}</ul>`;
  return layout({
    lang,
    title: m.homeTitle,
    description: m.siteTagline,
    path: '/',
    main,
    alternates: [{ href: '/v1/tables', type: jsonRenderer.mediaType }],
    jsonLd,
  });
}
