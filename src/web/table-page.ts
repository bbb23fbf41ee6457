import type { Dataset } from '../data/dataset.js';
import type { BreakdownRow, Check, Delta, TableInfo } from '../data/types.js';
import type { Language, Unit } from '../domain.js';
import { PageCharts, type DrawCharts } from './charts.js';
import { tablePaths } from '../publishing/urls.js';
import { html, type SafeHtml } from './escape.js';
import { formatValue, ownDecimals } from './format.js';
import { MESSAGES } from './i18n.js';
import { layout } from './layout.js';
import { comparisonFigure, deltaCell, figuresTable, foldable, footnotesBlock, missingCell, rankingBlock, scrollable, sharesBlock } from './partials.js';
import { seriesSection } from './series-section.js';
import { comparedYears, metricRows, shareRows, yearsNewestFirst } from './view-model.js';
import { csvRenderer, jsonRenderer, jsonStatRenderer } from '../http/renderers/index.js';
import { yearSpan } from '../years.js';

export interface TablePageOptions {
  /** Base of the page's absolute addresses and of the URL shown in the curl example. */
  publicUrl: string;
  /** schema.org Dataset for the JSON-LD slot of the page head. */
  jsonLd?: object;
  drawCharts: DrawCharts;
}

const exact = (value: number, unit: Unit, lang: Language) => formatValue(value, unit, lang, ownDecimals(value));

/** Every change the data gives for this table, one row per pair of consecutive years. */
function deltasSection(deltas: Delta[], table: TableInfo, lang: Language): SafeHtml {
  const m = MESSAGES[lang];
  if (deltas.length === 0) return html`<p>${m.noDeltas}</p>`;
  const rows = deltas.map((d) => {
    const metric = table.metrics.find((x) => x.id === d.metric)!;
    const percent = d.unit === 'percent' ? `${exact(d.change, 'count', lang)} ${m.ppShort}` : exact(d.change, d.unit, lang);
    return html`<tr>
      <th scope="row">${d.label[lang]}</th>
      <td>${m.procedures[d.procedure]}</td>
      <td class="num">${yearSpan(d.from, d.to)}</td>
      <td class="num">${formatValue(d.fromValue, d.unit, lang, metric.decimals)}</td>
      <td class="num">${formatValue(d.toValue, d.unit, lang, metric.decimals)}</td>
      <td class="num">${d.change > 0 ? '+' : ''}${percent}</td>
      ${deltaCell(d, lang)}
    </tr>`;
  });
  return html`<p>${m.derivedNote}</p>
  ${foldable(deltas.length, scrollable(m.deltasHeading, html`<table class="deltas">
    <caption class="sr-only">${m.deltasHeading}</caption>
    <thead><tr><th scope="col">${m.figure}</th><th scope="col">${m.procedure}</th><th scope="col" class="num">${m.years}</th><th scope="col" class="num">${m.fromValue}</th><th scope="col" class="num">${m.toValue}</th><th scope="col" class="num">${m.absoluteChange}</th><th scope="col" class="num">${m.relativeChange}</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>`, lang), lang)}`;
}

function breakdownSection(rows: BreakdownRow[], table: TableInfo, lang: Language): SafeHtml {
  const m = MESSAGES[lang];
  const value = (v: number | null, r: BreakdownRow) => {
    if (v === null) return missingCell(lang);
    const metric = table.metrics.find((x) => x.id === r.metric)!;
    return html`<td class="num">${formatValue(v, r.unit, lang, metric.decimals)}</td>`;
  };
  const agrees = (r: BreakdownRow) =>
    r.agrees === null
      ? missingCell(lang)
      : r.agrees
        ? html`<td class="ok"><span aria-hidden="true">\u2714</span> ${m.yes}</td>`
        : html`<td class="bad"><span aria-hidden="true">\u2718</span> ${m.no}</td>`;
  return foldable(rows.length, scrollable(m.breakdownTableHeading, html`<table class="breakdown-table">
    <caption class="sr-only">${m.breakdownTableHeading}</caption>
    <thead><tr><th scope="col">${m.figure}</th><th scope="col" class="num">${m.year}</th><th scope="col" class="num">${m.procedures.total}</th><th scope="col" class="num">TEV</th><th scope="col" class="num">VVR</th><th scope="col">${m.agreesWithParts}</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr><th scope="row">${r.label[lang]}</th><td class="num">${r.year}</td>${value(r.total, r)}${value(r.tev, r)}${value(r.vvr, r)}${agrees(r)}</tr>`)}</tbody>
  </table>`, lang), lang);
}

function checksSection(checks: Check[], lang: Language): SafeHtml {
  const m = MESSAGES[lang];
  if (checks.length === 0) return html`<p>${m.noChecks}</p>`;
  return html`<p>${m.checksIntro}</p>
  ${foldable(checks.length, scrollable(m.checksHeading, html`<table class="checks">
    <caption class="sr-only">${m.checksHeading}</caption>
    <thead><tr><th scope="col">${m.check}</th><th scope="col" class="num">${m.expected}</th><th scope="col" class="num">${m.actual}</th><th scope="col" class="num">${m.difference}</th><th scope="col" class="num">${m.tolerance}</th><th scope="col">${m.result}</th></tr></thead>
    <tbody>${checks.map(
      (c) => html`<tr data-check="${c.id}" data-holds="${c.holds}">
        <th scope="row">${c.description[lang]}</th>
        <td class="num">${exact(c.expected, c.unit, lang)}</td>
        <td class="num">${exact(c.actual, c.unit, lang)}</td>
        <td class="num">${exact(c.difference, c.unit, lang)}</td>
        <td class="num">±${exact(c.tolerance, c.unit, lang)}</td>
        ${c.holds ? html`<td class="ok"><span aria-hidden="true">\u2714</span> ${m.holds}</td>` : html`<td class="bad"><span aria-hidden="true">\u2718</span> ${m.fails}</td>`}
      </tr>`,
    )}</tbody>
  </table>`, lang), lang)}`;
}

function dataSection(table: TableInfo, lang: Language, publicUrl: string): SafeHtml {
  const m = MESSAGES[lang];
  const links = tablePaths(table.id);
  const curl = `curl -H 'Accept: ${jsonRenderer.mediaType}' '${publicUrl}${links.self}'`;
  return html`<p>${m.dataIntro}</p>
  <ul class="downloads">
    <li><a href="${links.self}" type="${jsonRenderer.mediaType}">${m.formatJson}</a></li>
    <li><a href="${links.csv}" type="${csvRenderer.mediaType}">${m.formatCsv}</a></li>
    <li><a href="${links.jsonStat}" type="${jsonStatRenderer.mediaType}">${m.formatJsonStat}</a></li>
    ${table.hasBreakdown ? html`<li><a href="${links.breakdown}" type="${jsonRenderer.mediaType}">${m.breakdownJson}</a></li>` : ''}
    <li><a href="${links.deltas}" type="${jsonRenderer.mediaType}">${m.deltasJson}</a></li>
  </ul>
  <h3 id="curl-heading">${m.curlHeading}</h3>
  <div class="curl">
    <pre tabindex="0" role="region" aria-labelledby="curl-heading"><code id="curl-${table.id}">${curl}</code></pre>
    <button type="button" data-copy="curl-${table.id}" data-copied="${m.copied}" hidden>${m.copy}</button>
  </div>
  <p class="status" role="status" aria-live="polite"></p>`;
}

/** One table on its own page; undefined when the dataset has no such table. */
export async function renderTable(dataset: Dataset, tableId: string, lang: Language, options: TablePageOptions): Promise<string | undefined> {
  const table = dataset.table(tableId);
  if (!table) return undefined;
  const pageCharts = new PageCharts();
  const m = MESSAGES[lang];
  const years = comparedYears(table);
  const columns = yearsNewestFirst(table);
  const rows = metricRows(dataset, table, columns, table.procedures);
  const units = [...new Set(table.metrics.map((x) => x.unit))];
  const charts = units.map((unit) => comparisonFigure(pageCharts, table, rows.filter((r) => r.procedure === 'total'), unit, years, lang, `chart-${table.id}-compare-${unit}`, { width: 560, labelWidth: 160 }));
  const shares = sharesBlock(pageCharts, table, shareRows(dataset, table), lang, `chart-${table.id}-shares`, 560, true);
  const section = (id: string, title: string, body: SafeHtml | string) =>
    html`<section class="section" id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${title}</h2>${body}</section>`;

  const main = html`<nav aria-label="${m.backHome}"><p class="breadcrumb"><a href="/">\u2190 ${m.backHome}</a></p></nav>
    <p class="kicker">${m.reportHeading}: ${table.heading}</p>
    <h1>${table.title[lang]}</h1>
    <p class="lead">${table.description[lang]}</p>
    <p class="note">${m.derivedNote}</p>
    ${section('figures', m.figuresHeading, html`<p>${m.figuresIntro}</p>
      ${figuresTable(rows, columns, years, lang, `${table.title[lang]}: ${columns.join(', ')}`, true, true)}
      ${rankingBlock(dataset.nationalities([table.id]), lang)}
      ${footnotesBlock(table.footnotes, lang)}`)}
    ${section('series', m.seriesHeading, seriesSection(pageCharts, dataset, table, lang))}
    ${section('deltas', m.deltasHeading, deltasSection(dataset.deltasWhere({ table: [table.id] }), table, lang))}
    ${charts.some(Boolean) || shares ? section('charts', m.chartsHeading, html`<div class="grid-2">${charts}</div>${shares}`) : ''}
    ${table.hasBreakdown ? section('breakdown', m.breakdownTableHeading, html`<p>${m.breakdownIntro}</p>${breakdownSection(dataset.breakdown(table.id), table, lang)}`) : ''}
    ${section('checks', m.checksHeading, checksSection(dataset.checksWhere([table.id]), lang))}
    ${section('data', m.dataHeading, dataSection(table, lang, options.publicUrl))}
    <nav class="table-nav" aria-label="${m.tablesNav}"><h2>${m.tablesNav}</h2><ul>${dataset.tables.map(
      (t) => html`<li><a href="/tables/${t.id}"${t.id === table.id ? html` aria-current="page"` : ''}>${t.title[lang]}</a></li>`,
    )}</ul></nav>`;

  const page = layout({
    lang,
    publicUrl: options.publicUrl,
    title: table.title[lang],
    description: table.description[lang],
    path: `/tables/${table.id}`,
    main,
    alternates: [
      { href: tablePaths(table.id).self, type: jsonRenderer.mediaType },
      { href: tablePaths(table.id).csv, type: csvRenderer.mediaType },
    ],
    jsonLd: options.jsonLd,
    script: true,
  });
  return pageCharts.drawInto(page, options.drawCharts);
}
