import type { Dataset } from '../data/dataset.js';
import type { Language } from '../domain.js';
import { html } from './escape.js';
import { MESSAGES } from './i18n.js';
import { layout } from './layout.js';

/** A page for a browser that asked for something we cannot show, with a way on. */
export function renderErrorPage(dataset: Dataset, publicUrl: string, lang: Language, title: string, message: string, path: string): string {
  const m = MESSAGES[lang];
  const main = html`<h1>${title}</h1>
    <p class="lead">${message}</p>
    <nav class="table-nav" aria-label="${m.tablesNav}"><h2>${m.tablesNav}</h2><ul>${dataset.tables.map(
      (t) => html`<li><a href="/tables/${t.id}">${t.title[lang]}</a></li>`,
    )}</ul></nav>
    <p><a href="/">\u2190 ${m.backHome}</a></p>`;
  return layout({ lang, publicUrl, title, description: message, path, main, error: true });
}
