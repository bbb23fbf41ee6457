import type { Dataset, Series, SeriesPoint } from '../data/dataset.js';
import type { HistoryEntry, MetricInfo, TableInfo } from '../data/types.js';
import type { Language, Procedure } from '../domain.js';
import { lineChart, PALETTE, type LineInput, type PageCharts } from './charts.js';
import { html, type SafeHtml } from './escape.js';
import { formatNumber, formatValue, ownDecimals } from './format.js';
import { MESSAGES } from './i18n.js';
import { foldable, scrollable } from './partials.js';

/**
 * Each figure of a table as a series over the years: a line chart of the current values and,
 * beside it, every value each release published for it. The table is the chart's data in words
 * and the place where disagreeing releases are read side by side.
 */

/** Lines are told apart by dash as well as colour; the colours keep 3:1 contrast on white. */
const LINE_STYLE: Record<Procedure, Pick<LineInput, 'color' | 'dash'>> = {
  total: { color: PALETTE.later, dash: 'solid' },
  tev: { color: '#1e6b34', dash: 'dashed' },
  vvr: { color: '#a23b00', dash: 'dotted' },
};

/** Every year from the table's first to its last, so a year without figures shows as a gap. */
export function yearSpan(table: TableInfo): number[] {
  const first = Math.min(...table.years);
  const last = Math.max(...table.years);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

const decimalsOf = (value: number, metric: MetricInfo) => Math.max(metric.decimals, ownDecimals(value));

function precisionText(v: HistoryEntry, lang: Language): string {
  const p = MESSAGES[lang].precisions;
  if (v.precision === 'rounded') return p.rounded(v.step === null ? null : formatNumber(v.step, lang));
  if (v.precision === 'approximate') return v.qualifier ? p.approximate[v.qualifier] : MESSAGES[lang].approximate;
  return p.exact;
}

/** The vintage the current value comes from: the point's release, its value, not a footnote's closer count. */
const isCurrent = (v: HistoryEntry, point: SeriesPoint) => !v.revision && v.release === point.release && v.value === point.value;

function seriesChart(charts: PageCharts, table: TableInfo, metric: MetricInfo, series: Series[], years: number[], lang: Language): SafeHtml {
  const m = MESSAGES[lang];
  const format = (value: number) => formatValue(value, metric.unit, lang, decimalsOf(value, metric));
  const pointAt = (s: Series, year: number) => s.points.find((p) => p.year === year);
  const lines: LineInput[] = series.map((s) => ({
    name: m.procedures[s.procedure],
    values: years.map((y) => pointAt(s, y)?.value ?? null),
    flagged: years.map((y) => pointAt(s, y)?.disagree ?? false),
    labelled: s.procedure === 'total' || series.length === 1,
    ...LINE_STYLE[s.procedure],
  }));
  const description = series
    .map((s) => `${m.procedures[s.procedure]}: ${years.map((y) => {
      const p = pointAt(s, y);
      return `${y} ${p ? format(p.value) : m.noFigure}${p?.disagree ? ` (${m.disagreeMark})` : ''}`;
    }).join('; ')}`)
    .join('. ');
  const unit = metric.unit === 'count' ? '' : ` (${m.units[metric.unit]})`;
  const title = m.chartSeries(`${metric.label[lang]}${unit}`, years[0]!, years[years.length - 1]!);
  const chart = charts.place(lineChart({
    id: `chart-${table.id}-series-${metric.id}`,
    title,
    description: `${description}.`,
    categories: years.map(String),
    lines,
    format,
    axisLanguage: lang,
  }));
  return html`<figure class="chart" data-chart="series" data-metric="${metric.id}">${chart}<figcaption>${m.chartSeriesCaption}${metric.cumulative ? html` <strong data-cumulative>${m.cumulativeNote}</strong>` : ''}</figcaption></figure>`;
}

function publishedTable(dataset: Dataset, metric: MetricInfo, series: Series[], lang: Language): SafeHtml {
  const m = MESSAGES[lang];
  const withProcedure = series.length > 1;
  const rows = series.flatMap((s) =>
    s.points.flatMap((point) =>
      point.vintages.map((v) => {
        const release = dataset.release(v.release);
        const name = release?.name[lang] ?? v.release;
        const link = release?.url ? html`<a href="${release.url}" hreflang="${release.language}">${name}</a>` : name;
        const notes = [
          isCurrent(v, point) ? m.current : '',
          v.printedYear !== null ? m.printedAs(v.printedYear) : '',
          v.note?.[lang] ?? '',
        ].filter(Boolean);
        return html`<tr data-vintage data-metric="${s.metric}" data-procedure="${s.procedure}" data-year="${point.year}" data-release="${v.release}" data-value="${v.value}">
          <th scope="row"${point.disagree ? html` class="disagree"` : ''}>${point.year}${point.disagree ? html`<span class="sr-only">, ${m.disagreeMark}</span>` : ''}</th>
          ${withProcedure ? html`<td>${m.procedures[s.procedure]}</td>` : ''}
          <td>${link}</td>
          <td class="num">${formatValue(v.value, metric.unit, lang, decimalsOf(v.value, metric))}</td>
          <td>${precisionText(v, lang)}</td>
          <td>${notes.join('; ')}</td>
        </tr>`;
      }),
    ),
  );
  const caption = m.publishedHeading(metric.label[lang]);
  return foldable(rows.length, scrollable(caption, html`<table class="published">
    <caption class="sr-only">${caption}</caption>
    <thead><tr><th scope="col">${m.year}</th>${withProcedure ? html`<th scope="col">${m.procedure}</th>` : ''}<th scope="col">${m.release}</th><th scope="col" class="num">${m.value}</th><th scope="col">${m.precision}</th><th scope="col">${m.note}</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>`, lang), lang);
}

/** Per metric of the table: its definition, a line chart over every year and the values each release published. */
export function seriesSection(charts: PageCharts, dataset: Dataset, table: TableInfo, lang: Language): SafeHtml {
  const m = MESSAGES[lang];
  const years = yearSpan(table);
  const all = dataset.series({ table: [table.id] });
  const blocks = table.metrics.map((metric) => {
    const series = metric.procedures.flatMap((p) => all.filter((s) => s.metric === metric.id && s.procedure === p));
    if (series.length === 0) return '';
    const definition = metric.definition ? html`<p class="definition"><strong>${m.definition}:</strong> ${metric.definition[lang]}</p>` : '';
    return html`<div class="series" id="series-${metric.id}" data-metric="${metric.id}">
      <h3>${metric.label[lang]}</h3>
      ${definition}
      <div class="grid-2">${seriesChart(charts, table, metric, series, years, lang)}<div>${publishedTable(dataset, metric, series, lang)}</div></div>
    </div>`;
  });
  return html`<p>${m.seriesIntro}</p>${blocks}`;
}
