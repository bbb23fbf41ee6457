import type { Delta, Footnote, MetricInfo, Observation, Ranking, TableInfo } from '../data/types.js';
import type { Language, Unit } from '../domain.js';
import { comparisonChart, PALETTE, shareChart, type PageCharts } from './charts.js';
import { html, type SafeHtml } from './escape.js';
import { describeDelta, formatNumber, formatValue } from './format.js';
import { MESSAGES } from './i18n.js';
import { chartableRows, type ComparedYears, type MetricRow, type ShareRow } from './view-model.js';

/** Pieces of markup shared by the front page and the table pages. */

/**
 * A wide table on a narrow screen scrolls sideways inside its own box; the box can take focus
 * and has a name so that keyboard users can scroll it too.
 */
export function scrollable(label: string, table: SafeHtml, lang: Language): SafeHtml {
  return html`<div class="table-wrap" role="region" aria-label="${MESSAGES[lang].tableRegion(label)}" tabindex="0">${table}</div>`;
}

/** Tables longer than this fold away behind a disclosure. */
const FOLD_AFTER = 12;

/**
 * A long table opens folded behind a native disclosure (<details>), which keyboards and screen
 * readers know how to open: the page starts short and the browser lays out less. A short
 * table is shown as it is.
 */
export function foldable(rows: number, content: SafeHtml, lang: Language): SafeHtml {
  if (rows <= FOLD_AFTER) return content;
  return html`<details class="fold"><summary>${MESSAGES[lang].showRows(rows)}</summary>${content}</details>`;
}

/** A figure the data does not have: a dash drawn by the stylesheet, words for screen readers. */
export function missingCell(lang: Language): SafeHtml {
  return html`<td class="num missing"><span class="sr-only">${MESSAGES[lang].notInReport}</span></td>`;
}

/** A figure as printed, with its exact value in data-value so it can be compared with the API. */
export function valueCell(obs: Observation | undefined, metric: MetricInfo, lang: Language): SafeHtml {
  if (!obs) return missingCell(lang);
  const m = MESSAGES[lang];
  const approx = obs.approximate ? html`<abbr title="${m.approximate}">ca.</abbr> ` : '';
  return html`<td class="num" data-figure data-table="${obs.table}" data-metric="${obs.metric}" data-procedure="${obs.procedure}" data-year="${obs.year}" data-value="${obs.value}">${approx}${formatValue(obs.value, obs.unit, lang, metric.decimals)}</td>`;
}

/**
 * The change with a sign, a colour and an arrow. The arrow is drawn by the stylesheet and hidden
 * from screen readers, which read the sign; the column heading says the change is derived. One
 * element per cell keeps the pages light.
 */
export function deltaCell(delta: Delta | undefined, lang: Language): SafeHtml {
  if (!delta) return missingCell(lang);
  const d = describeDelta(delta, lang);
  return html`<td class="num delta ${d.direction}" title="${d.words}" data-delta data-metric="${delta.metric}" data-procedure="${delta.procedure}" data-change="${delta.change}" data-change-percent="${delta.changePercent ?? ''}">${d.text}</td>`;
}

export function footnoteMarkers(footnotes: Footnote[]): SafeHtml[] {
  return footnotes.map((f) => html`<a class="fn-marker" href="#fn-${f.id}" aria-describedby="fn-${f.id}">${f.marker}</a>`);
}

export function rowLabel(row: MetricRow, lang: Language, withProcedure = false): SafeHtml {
  const m = MESSAGES[lang];
  const procedure = withProcedure && row.procedure !== 'total' ? html` <span class="procedure">(${m.procedures[row.procedure]})</span>` : '';
  return html`${row.metric.label[lang]}${procedure}${footnoteMarkers(row.footnotes)}`;
}

/** The heading of the change column: which two years it compares. */
const changeHeading = (years: ComparedYears, lang: Language) => MESSAGES[lang].changeBetween(years.earlier!, years.later);

/**
 * A table's figures, one column per year (newest first), and the change between the compared
 * years where the table has both: the card's table and the table page's main table.
 */
export function figuresTable(rows: MetricRow[], years: number[], compared: ComparedYears, lang: Language, caption: string, withProcedure = false, scroll = false): SafeHtml {
  const withChange = compared.earlier !== undefined;
  const body = rows.map(
    (r) => html`<tr data-row="${r.metric.id}:${r.procedure}">
      <th scope="row">${rowLabel(r, lang, withProcedure)}</th>
      ${years.map((y) => valueCell(r.figures.get(y), r.metric, lang))}
      ${withChange ? deltaCell(r.delta, lang) : ''}
    </tr>`,
  );
  const table = html`<table class="figures">
    <caption class="sr-only">${caption}</caption>
    <thead><tr><th scope="col">${MESSAGES[lang].figure}</th>${years.map((y) => html`<th scope="col" class="num">${y}</th>`)}${withChange ? html`<th scope="col" class="num">${changeHeading(compared, lang)}</th>` : ''}</tr></thead>
    <tbody>${body}</tbody>
  </table>`;
  return scroll ? scrollable(caption, table, lang) : table;
}

/** A bar chart of a table's figures in one unit in the compared years, or nothing if no figure has both. */
export function comparisonFigure(charts: PageCharts, table: TableInfo, rows: MetricRow[], unit: Unit, years: ComparedYears, lang: Language, id: string, size: { width?: number; labelWidth?: number } = {}): SafeHtml | '' {
  const m = MESSAGES[lang];
  const { earlier, later } = years;
  if (earlier === undefined) return '';
  const chartRows = chartableRows(rows, unit, [earlier, later]);
  if (chartRows.length === 0) return '';
  const value = (r: MetricRow, year: number) => r.figures.get(year)!.value;
  const format = (r: MetricRow) => (v: number) => formatValue(v, unit, lang, r.metric.decimals);
  const decimals = Math.max(...chartRows.map((r) => r.metric.decimals));
  const description = chartRows
    .map((r) => `${r.metric.label[lang]}: ${earlier} ${format(r)(value(r, earlier))}; ${later} ${format(r)(value(r, later))}`)
    .join('. ');
  const chart = charts.place(comparisonChart({
    id,
    title: m.chartComparison(table.title[lang], earlier, later),
    description: `${description}.`,
    categories: chartRows.map((r) => r.metric.label[lang]),
    series: [
      { name: String(earlier), values: chartRows.map((r) => value(r, earlier)), color: PALETTE.earlier },
      { name: String(later), values: chartRows.map((r) => value(r, later)), color: PALETTE.later },
    ],
    format: (v) => formatValue(v, unit, lang, decimals),
    ...size,
  }));
  return html`<figure class="chart" data-chart="comparison">${chart}<figcaption>${m.chartComparisonCaption(earlier, later)}</figcaption></figure>`;
}

const shareText = (share: number | null, lang: Language) => (share === null ? '' : `${formatNumber(share, lang, 1)}%`);

/** The TEV/VVR split: a stacked bar of the shares (counts only) and the table with every part. */
export function sharesBlock(charts: PageCharts, table: TableInfo, rows: ShareRow[], lang: Language, id: string, width = 360, scroll = false): SafeHtml | '' {
  if (rows.length === 0) return '';
  const m = MESSAGES[lang];
  const year = rows[0]!.year;
  const counted = rows.filter((r) => r.tevShare !== null);
  const chart = counted.length
    ? charts.place(shareChart({
        id,
        title: m.chartShares(table.title[lang], year),
        description: counted
          .map((r) => `${r.metric.label[lang]}: TEV ${formatValue(r.tev, r.metric.unit, lang, r.metric.decimals)} (${shareText(r.tevShare, lang)}), VVR ${formatValue(r.vvr, r.metric.unit, lang, r.metric.decimals)} (${shareText(r.vvrShare, lang)})`)
          .join('. ') + '.',
        categories: counted.map((r) => r.metric.label[lang]),
        parts: [
          { name: 'TEV', shares: counted.map((r) => r.tevShare!), color: PALETTE.tev, labelColor: '#ffffff' },
          { name: 'VVR', shares: counted.map((r) => r.vvrShare!), color: PALETTE.vvr, labelColor: PALETTE.ink },
        ],
        formatShare: (s) => `${formatNumber(s, lang, 1)}%`,
        width,
      }))
    : '';
  const cell = (value: number, share: number | null, r: ShareRow, procedure: 'tev' | 'vvr') =>
    html`<td class="num wrap" data-figure data-table="${table.id}" data-metric="${r.metric.id}" data-procedure="${procedure}" data-year="${r.year}" data-value="${value}">${formatValue(value, r.metric.unit, lang, r.metric.decimals)}${share === null ? '' : html` <span class="share">(${shareText(share, lang)})</span>`}</td>`;
  return html`<div class="breakdown">
    <h3>${m.breakdownHeading} ${year}</h3>
    ${chart ? html`<figure class="chart" data-chart="shares">${chart}<figcaption>${m.chartSharesCaption}</figcaption></figure>` : ''}
    ${(scroll ? (t: SafeHtml) => scrollable(m.chartShares(table.title[lang], year), t, lang) : (t: SafeHtml) => t)(html`<table class="shares">
      <caption class="sr-only">${m.chartShares(table.title[lang], year)}</caption>
      <thead><tr><th scope="col">${m.figure}</th><th scope="col" class="num">TEV (${m.share})</th><th scope="col" class="num">VVR (${m.share})</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr><th scope="row">${r.metric.label[lang]}</th>${cell(r.tev, r.tevShare, r, 'tev')}${cell(r.vvr, r.vvrShare, r, 'vvr')}</tr>`)}</tbody>
    </table>`)}
  </div>`;
}

export function rankingBlock(rankings: Ranking[], lang: Language): SafeHtml | '' {
  if (rankings.length === 0) return '';
  const m = MESSAGES[lang];
  const byYear = new Map<number, Ranking[]>();
  for (const r of rankings) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
  return html`${[...byYear].map(([year, ranks]) => {
    const sorted = [...ranks].sort((a, b) => a.rank - b.rank);
    return html`<div class="ranking-block" data-ranking="${sorted[0]!.table}">
      <p><strong>${m.rankingHeading(year)}</strong> (${m.rankingBasis} ${sorted[0]!.basis[lang]})</p>
      <ol class="ranking">${sorted.map((r) => html`<li data-country="${r.country}">${r.label[lang]}</li>`)}</ol>
    </div>`;
  })}`;
}

export function footnotesBlock(footnotes: Footnote[], lang: Language): SafeHtml | '' {
  if (footnotes.length === 0) return '';
  const m = MESSAGES[lang];
  return html`<aside class="footnotes" aria-label="${m.footnotes}"><ol>${footnotes.map(
    (f) => html`<li id="fn-${f.id}"><span aria-hidden="true">${f.marker}</span> ${f[lang]}</li>`,
  )}</ol></aside>`;
}
